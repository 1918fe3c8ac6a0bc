package io.covet.schema.internal;

import io.covet.core.engine.Engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads which tables are partitioned and their partitions (PostgreSQL's declarative partitioning, in the current
 * schema); the table readers leave partitions out, as they hold the parent's rows and not a table of their own.
 * MariaDB's partitions are parts of one table and SQLite has none: both give an empty map.
 */
public final class PartitionReader {
    private PartitionReader() {
    }

    /** Parent table → its partitions with their bounds ({@code name FOR VALUES …}), in name order. */
    public static Map<String, List<String>> read(Connection c, Engine engine) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        // catalog access: only PostgreSQL's declarative partitions are read (pg_inherits)
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
