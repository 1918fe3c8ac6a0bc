package io.covet.schema.internal;

import io.covet.core.engine.Engine;
import io.covet.schema.Partitioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which tables are partitioned and their partitions: PostgreSQL's declarative partitioning in the current
 * schema (the table reader leaves partitions out, as they hold the parent's rows and not a table of their own), and
 * MariaDB's {@code PARTITION BY} from {@code information_schema.PARTITIONS} (parts of one table). SQLite has none.
 */
public final class PartitionReader {
    private PartitionReader() {
    }

    /**
     * Parent table → its partitions with their bounds ({@code name FOR VALUES …}, {@code name DEFAULT}), in name
     * order. A PostgreSQL partition that is partitioned again is followed by its key and its own partitions
     * ({@code sale_2024 FOR VALUES FROM … TO … PARTITION BY LIST (region) (sale_2024_eu FOR VALUES IN ('eu'),
     * sale_2024_other DEFAULT)}), and one with indexes of its own (not the parent's index attached) by their
     * names ({@code sale_rest DEFAULT [own indexes: sale_rest_id]}); a MariaDB partition with sub-partitions by the sub-partitioning and their names
     * ({@code p2023 VALUES LESS THAN (2024) SUBPARTITION BY HASH (`id`) (p2023sp0, p2023sp1)}).
     */
    public static Map<String, List<String>> read(Connection c, Engine engine) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        // catalog access: each engine keeps its partitions in its own catalog; SQLite has none
        if (engine.family() == Engine.MARIADB) {
            for (MariaDbPart p : mariadbParts(c)) {
                String bound = p.isDefault ? " DEFAULT" : p.description == null ? ""
                        : p.method.startsWith("RANGE") ? " VALUES LESS THAN (" + p.description + ")"
                        : p.method.startsWith("LIST") ? " VALUES IN (" + p.description + ")" : "";
                String sub = p.subpartitions.isEmpty() ? "" : " SUBPARTITION BY " + p.subMethod + " ("
                        + p.subExpression + ") (" + String.join(", ", p.subpartitions) + ")";
                out.computeIfAbsent(p.table, k -> new ArrayList<>()).add(p.name + bound + sub);
            }
            return out;
        }
        if (engine.family() != Engine.POSTGRESQL) {
            return out;
        }
        Map<String, List<String[]>> children = pgChildren(c);
        children.forEach((parent, kids) -> out.put(parent, kids.stream().map(k -> pgEntry(k, children)).toList()));
        return out;
    }

    /** {@code name bound}, and for a partition that is partitioned again its key and partitions, recursively. */
    private static String pgEntry(String[] kid, Map<String, List<String[]>> children) {
        String s = kid[0] + (kid[1] == null ? "" : " " + kid[1]) + (kid[3] == null ? "" : " [" + OWN_INDEXES + kid[3]
                + "]");
        List<String[]> below = children.get(kid[0]);
        if (kid[2] != null) {
            s += " PARTITION BY " + kid[2] + " (" + (below == null ? "" : String.join(", ",
                    below.stream().map(b -> pgEntry(b, children)).toList())) + ")";
        }
        return s;
    }

    /**
     * PostgreSQL parent → its partitions as {name, bound text ({@code FOR VALUES …} or {@code DEFAULT}), the
     * partition's own key when it is partitioned again or null, its own indexes' names or null}, in name order, for
     * the current schema.
     */
    private static Map<String, List<String[]>> pgChildren(Connection c) throws SQLException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT p.relname, ch.relname, pg_get_expr(ch.relpartbound, ch.oid), "
                + "CASE WHEN ch.relkind = 'p' THEN pg_get_partkeydef(ch.oid) END, "
                // the partition's indexes that are not the parent's index attached (those the parent's model has)
                + "(SELECT string_agg(ic.relname, ', ' ORDER BY ic.relname) FROM pg_index x "
                + "JOIN pg_class ic ON ic.oid = x.indexrelid WHERE x.indrelid = ch.oid "
                + "AND NOT EXISTS (SELECT 1 FROM pg_inherits ii WHERE ii.inhrelid = x.indexrelid)) "
                + "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class ch ON ch.oid = i.inhrelid "
                + "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = current_schema() "
                + "AND p.relkind = 'p' AND ch.relispartition ORDER BY p.relname, ch.relname")) {
            out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new String[] {r[1], r[2], r[3], r[4]});
        }
        return out;
    }

    /** What precedes the names of a PostgreSQL partition's own indexes in its {@link #read} entry. */
    private static final String OWN_INDEXES = "own indexes: ";

    /** One MariaDB partition of a table, with its sub-partitions' names (empty when it has none). */
    private record MariaDbPart(String table, String name, String method, String expression, String description,
                               boolean isDefault, String subMethod, String subExpression, List<String> subpartitions) {
    }

    /**
     * The partitions of every partitioned table of the current database, in their order. {@code isDefault} comes
     * from the table's {@code SHOW CREATE TABLE}: {@code information_schema.PARTITIONS} reports a LIST table's
     * DEFAULT partition with a description of MAXVALUE ({@code LIST COLUMNS}) or {@code 0} (plain {@code LIST}),
     * which cannot be told from a partition really holding 0.
     */
    private static List<MariaDbPart> mariadbParts(Connection c) throws SQLException {
        Map<String, MariaDbPart> parts = new LinkedHashMap<>();
        Set<String> listTables = new HashSet<>();
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, "
                + "PARTITION_DESCRIPTION, SUBPARTITION_NAME, SUBPARTITION_METHOD, SUBPARTITION_EXPRESSION "
                + "FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL "
                + "ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION")) {
            String method = r[2] == null ? "" : r[2];
            if (method.startsWith("LIST")) {
                listTables.add(r[0]);
            }
            MariaDbPart p = parts.computeIfAbsent(r[0] + "\u0000" + r[1], k -> new MariaDbPart(r[0], r[1], method,
                    r[3], r[4], false, r[6], r[7], new ArrayList<>()));
            if (r[5] != null) {
                p.subpartitions.add(r[5]);
            }
        }
        Map<String, Set<String>> defaults = new LinkedHashMap<>();
        for (String table : listTables) {
            Set<String> names = new HashSet<>();
            String create = Rows.query(c, "SHOW CREATE TABLE `" + table.replace("`", "``") + "`").get(0)[1];
            Matcher m = DEFAULT_PARTITION.matcher(create);
            while (m.find()) {
                names.add(m.group(1).replace("``", "`"));
            }
            defaults.put(table, names);
        }
        List<MariaDbPart> out = new ArrayList<>();
        for (MariaDbPart p : parts.values()) {
            boolean isDefault = defaults.getOrDefault(p.table, Set.of()).contains(p.name);
            out.add(isDefault ? new MariaDbPart(p.table, p.name, p.method, p.expression, null, true, p.subMethod,
                    p.subExpression, p.subpartitions) : p);
        }
        return out;
    }

    /** {@code PARTITION `name` DEFAULT} in MariaDB's {@code SHOW CREATE TABLE} text. */
    private static final Pattern DEFAULT_PARTITION = Pattern.compile("PARTITION `((?:[^`]|``)+)` DEFAULT\\b");

    /**
     * Parent table → its {@link Partitioning} as the catalog holds it: on PostgreSQL from
     * {@code pg_get_partkeydef} and each partition's {@code relpartbound} (the text after {@code FOR VALUES}), on
     * MariaDB from {@code information_schema.PARTITIONS} (RANGE/LIST COLUMNS read as RANGE/LIST, KEY as HASH; the
     * text after {@code VALUES}). What {@link Partitioning} cannot declare is left out: a key that is an expression
     * rather than columns, sub-partitions (a PostgreSQL partition partitioned again, MariaDB's
     * {@code SUBPARTITION BY}), MariaDB's {@code HASH (…)} and {@code LINEAR HASH/KEY} (a declared HASH is created as
     * {@code KEY}, which spreads the rows by another function). Empty on SQLite.
     */
    public static Map<String, Partitioning> partitioning(Connection c, Engine engine) throws SQLException {
        Map<String, Partitioning> out = new LinkedHashMap<>();
        // catalog access: each engine keeps its partitioning in its own catalog; SQLite has none
        if (engine.family() == Engine.MARIADB) {
            Map<String, String[]> keys = new LinkedHashMap<>();
            Map<String, List<Partitioning.Partition>> parts = new LinkedHashMap<>();
            Set<String> subpartitioned = new HashSet<>();
            for (MariaDbPart p : mariadbParts(c)) {
                keys.putIfAbsent(p.table, new String[] {p.method, p.expression});
                if (!p.subpartitions.isEmpty()) {
                    subpartitioned.add(p.table);
                }
                String d = p.description;
                String bound = p.isDefault || d == null ? null : p.method.startsWith("RANGE")
                        ? "LESS THAN (" + d + ")" : p.method.startsWith("LIST") ? "IN (" + d + ")" : null;
                parts.computeIfAbsent(p.table, k -> new ArrayList<>()).add(new Partitioning.Partition(p.name, bound));
            }
            keys.forEach((table, k) -> {
                Partitioning.Method m = k[0].startsWith("RANGE") ? Partitioning.Method.RANGE
                        : k[0].startsWith("LIST") ? Partitioning.Method.LIST : Partitioning.Method.HASH;
                List<String> cols = columns(k[1], '`');
                // HASH hashes an expression (a column too) and LINEAR spreads rows its own way: @Partitioned's
                // HASH is created as KEY, so only KEY reads back as it
                boolean declarable = !k[0].startsWith("LINEAR") && !k[0].equals("HASH");
                if (cols != null && declarable && !subpartitioned.contains(table)) {
                    out.put(table, new Partitioning(m, cols, parts.get(table)));
                }
            });
            return out;
        }
        if (engine.family() != Engine.POSTGRESQL) {
            return out;
        }
        Map<String, List<String[]>> children = pgChildren(c);
        for (String[] r : Rows.query(c, "SELECT c.relname, pg_get_partkeydef(c.oid) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                + "AND c.relkind = 'p' AND NOT c.relispartition ORDER BY c.relname")) {
            int open = r[1].indexOf(" (");
            List<String[]> kids = children.get(r[0]);
            if (open < 0 || kids == null || kids.stream().anyMatch(k -> k[2] != null)) {
                continue;
            }
            Partitioning.Method m = Partitioning.Method.valueOf(r[1].substring(0, open));
            List<String> cols = columns(r[1].substring(open + 1), '"');
            if (cols != null) {
                out.put(r[0], new Partitioning(m, cols, kids.stream().map(k -> new Partitioning.Partition(k[0],
                        k[1] == null || k[1].equals("DEFAULT") ? null : k[1].startsWith("FOR VALUES ")
                                ? k[1].substring("FOR VALUES ".length()) : k[1])).toList()));
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
