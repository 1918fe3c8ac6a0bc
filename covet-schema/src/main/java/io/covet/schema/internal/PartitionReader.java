package io.covet.schema.internal;

import io.covet.core.engine.Engine;
import io.covet.schema.Partitioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads which tables are partitioned and their partitions: PostgreSQL's declarative partitioning in the current
 * schema (the table reader leaves partitions out, as they hold the parent's rows and not a table of their own), and
 * MariaDB's {@code PARTITION BY} from {@code information_schema.PARTITIONS} (parts of one table). SQLite has none.
 */
public final class PartitionReader {
    private PartitionReader() {
    }

    /** Parent table → its partitions with their bounds ({@code name FOR VALUES …}), in name order. */
    public static Map<String, List<String>> read(Connection c, Engine engine) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        // catalog access: each engine keeps its partitions in its own catalog; SQLite has none
        if (engine.family() == Engine.MARIADB) {
            for (String[] r : Rows.query(c, "SELECT TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, "
                    + "PARTITION_DESCRIPTION FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND PARTITION_NAME IS NOT NULL AND SUBPARTITION_NAME IS NULL "
                    + "ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION")) {
                String method = r[2] == null ? "" : r[2];
                String bound = r[3] == null ? "" : method.startsWith("RANGE") ? " VALUES LESS THAN (" + r[3] + ")"
                        : method.startsWith("LIST") ? " VALUES IN (" + r[3] + ")" : "";
                out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1] + bound);
            }
            return out;
        }
        if (engine.family() != Engine.POSTGRESQL) {
            return out;
        }
        for (String[] r : Rows.query(c, "SELECT p.relname, ch.relname, pg_get_expr(ch.relpartbound, ch.oid) "
                + "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class ch ON ch.oid = i.inhrelid "
                + "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = current_schema() "
                + "AND p.relkind = 'p' AND ch.relispartition ORDER BY p.relname, ch.relname")) {
            out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1] + (r[2] == null ? "" : " " + r[2]));
        }
        return out;
    }

    /**
     * Parent table → its {@link Partitioning} as the catalog holds it: on PostgreSQL from
     * {@code pg_get_partkeydef} and each partition's {@code relpartbound} (the text after {@code FOR VALUES}), on
     * MariaDB from {@code information_schema.PARTITIONS} (RANGE/LIST COLUMNS read as RANGE/LIST, KEY and HASH as
     * HASH; the text after {@code VALUES}). A key that is an expression rather than columns is left out (it cannot
     * be declared); empty on SQLite.
     */
    public static Map<String, Partitioning> partitioning(Connection c, Engine engine) throws SQLException {
        Map<String, Partitioning> out = new LinkedHashMap<>();
        // catalog access: each engine keeps its partitioning in its own catalog; SQLite has none
        if (engine.family() == Engine.MARIADB) {
            Map<String, String[]> keys = new LinkedHashMap<>();
            Map<String, List<Partitioning.Partition>> parts = new LinkedHashMap<>();
            for (String[] r : Rows.query(c, "SELECT TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, "
                    + "PARTITION_EXPRESSION, PARTITION_DESCRIPTION FROM information_schema.PARTITIONS "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL AND SUBPARTITION_NAME IS NULL "
                    + "ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION")) {
                String method = r[2] == null ? "" : r[2];
                keys.putIfAbsent(r[0], new String[] {method, r[3]});
                String d = r[4];
                // engine fact: MariaDB reports a LIST table's DEFAULT partition with the description MAXVALUE
                String bound = d == null || d.equals("DEFAULT") || method.startsWith("LIST") && d.equals("MAXVALUE")
                        ? null : method.startsWith("RANGE")
                        ? "LESS THAN (" + d + ")" : method.startsWith("LIST") ? "IN (" + d + ")" : null;
                parts.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Partitioning.Partition(r[1], bound));
            }
            keys.forEach((table, k) -> {
                Partitioning.Method m = k[0].startsWith("RANGE") ? Partitioning.Method.RANGE
                        : k[0].startsWith("LIST") ? Partitioning.Method.LIST : Partitioning.Method.HASH;
                List<String> cols = columns(k[1], '`');
                if (cols != null) {
                    out.put(table, new Partitioning(m, cols, parts.get(table)));
                }
            });
            return out;
        }
        if (engine.family() != Engine.POSTGRESQL) {
            return out;
        }
        Map<String, List<Partitioning.Partition>> parts = new LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT p.relname, ch.relname, pg_get_expr(ch.relpartbound, ch.oid) "
                + "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class ch ON ch.oid = i.inhrelid "
                + "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = current_schema() "
                + "AND p.relkind = 'p' AND ch.relispartition ORDER BY p.relname, ch.relname")) {
            String b = r[2] == null || r[2].equals("DEFAULT") ? null
                    : r[2].startsWith("FOR VALUES ") ? r[2].substring("FOR VALUES ".length()) : r[2];
            parts.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Partitioning.Partition(r[1], b));
        }
        for (String[] r : Rows.query(c, "SELECT c.relname, pg_get_partkeydef(c.oid) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                + "AND c.relkind = 'p' ORDER BY c.relname")) {
            int open = r[1].indexOf(" (");
            if (open < 0 || !parts.containsKey(r[0])) {
                continue;
            }
            Partitioning.Method m = Partitioning.Method.valueOf(r[1].substring(0, open));
            List<String> cols = columns(r[1].substring(open + 1), '"');
            if (cols != null) {
                out.put(r[0], new Partitioning(m, cols, parts.get(r[0])));
            }
        }
        return out;
    }

    /** The column names of a key such as {@code (a, "B")}, or null when the key holds an expression. */
    private static List<String> columns(String key, char quote) {
        String k = key == null ? "" : key.trim();
        if (k.startsWith("(") && k.endsWith(")")) {
            k = k.substring(1, k.length() - 1);
        }
        List<String> cols = new ArrayList<>();
        for (String part : k.split(",")) {
            String p = part.trim();
            if (p.length() >= 2 && p.charAt(0) == quote && p.charAt(p.length() - 1) == quote) {
                cols.add(p.substring(1, p.length() - 1).replace("" + quote + quote, "" + quote));
            } else if (p.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                cols.add(p);
            } else {
                return null;
            }
        }
        return cols.isEmpty() ? null : cols;
    }
}
