package io.covet.schema.internal;

import io.covet.core.engine.Engine;

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
}
