package io.covet.backup.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a PostgreSQL backup of some schemas knows it could not restore into an empty database, found before anything
 * is written: objects of the backed-up schemas that depend (through {@code pg_depend}) on a type, table or function
 * of a schema the backup does not hold; and, when the schema is read by Covet rather than pg_dump, columns of a
 * user-defined type (enum, domain, composite), which Covet's own DDL cannot create.
 */
public final class PgRestorability {
    /**
     * One problem: {@code what} depends on {@code on}; {@code table} is the backed-up relation to skip to avoid it
     * ({@code schema.name}, unquoted), or null when skipping a table does not help.
     */
    public record Problem(String what, String on, String table) {
        /** For messages. */
        public String describe() {
            return what + " uses " + on;
        }
    }

    private PgRestorability() {
    }

    private static final String NAMESPACE_OF_DEPENDENT = "CASE d.classid "
            + "WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.objid) "
            + "WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.objid) "
            + "WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.objid) "
            + "WHEN 'pg_constraint'::regclass THEN (SELECT connamespace FROM pg_constraint WHERE oid = d.objid) "
            + "WHEN 'pg_rewrite'::regclass THEN (SELECT c.relnamespace FROM pg_rewrite r JOIN pg_class c "
            + "ON c.oid = r.ev_class WHERE r.oid = d.objid) "
            + "WHEN 'pg_attrdef'::regclass THEN (SELECT c.relnamespace FROM pg_attrdef a JOIN pg_class c "
            + "ON c.oid = a.adrelid WHERE a.oid = d.objid) "
            + "WHEN 'pg_trigger'::regclass THEN (SELECT c.relnamespace FROM pg_trigger t JOIN pg_class c "
            + "ON c.oid = t.tgrelid WHERE t.oid = d.objid) END";
    private static final String RELATION_OF_DEPENDENT = "CASE d.classid "
            + "WHEN 'pg_class'::regclass THEN d.objid "
            + "WHEN 'pg_constraint'::regclass THEN (SELECT conrelid FROM pg_constraint WHERE oid = d.objid) "
            + "WHEN 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid) "
            + "WHEN 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = d.objid) "
            + "WHEN 'pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_trigger WHERE oid = d.objid) END";
    private static final String NAMESPACE_OF_REFERENCED = "CASE d.refclassid "
            + "WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.refobjid) "
            + "WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.refobjid) "
            + "WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.refobjid) END";

    /**
     * Dependencies of objects in {@code schemas} on objects of other non-system schemas that are not part of an
     * extension (an extension's types are expected to exist in the target: they are listed by
     * {@link #extensionsNeeded}).
     */
    public static List<Problem> outsideDependencies(Connection c, List<String> schemas) throws SQLException {
        String sql = "SELECT DISTINCT pg_describe_object(q.classid, q.objid, q.objsubid), "
                + "pg_describe_object(q.refclassid, q.refobjid, 0), "
                + "(SELECT n.nspname || '.' || r.relname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace "
                + "WHERE r.oid = q.rel) FROM (SELECT d.*, " + NAMESPACE_OF_DEPENDENT + " AS dns, "
                + NAMESPACE_OF_REFERENCED + " AS rns, " + RELATION_OF_DEPENDENT + " AS rel "
                + "FROM pg_depend d WHERE d.deptype IN ('n', 'a')) q JOIN pg_namespace rn ON rn.oid = q.rns "
                + "WHERE q.dns IN (SELECT oid FROM pg_namespace WHERE nspname = ANY (?)) "
                + "AND rn.nspname <> ALL (?) AND rn.nspname NOT IN ('pg_catalog', 'information_schema') "
                + "AND rn.nspname NOT LIKE 'pg\\_%' AND NOT EXISTS (SELECT 1 FROM pg_depend e "
                + "WHERE e.classid = q.refclassid AND e.objid = q.refobjid AND e.deptype = 'e') ORDER BY 1, 2";
        return problems(c, sql, schemas, 2);
    }

    /**
     * Objects that would be restored but depend on a relation left out ({@code skipped}, {@code schema.name}): views
     * and materialized views over it, foreign keys of other tables to it, partitions of it. Its own indexes,
     * constraints, defaults, triggers and owned sequences go with it and are not listed.
     */
    public static List<Problem> dependentsOfSkipped(Connection c, List<String> skipped) throws SQLException {
        // a view's dependency is its rewrite rule's ("rule _RETURN on view v"): named as the view instead
        String sql = "SELECT DISTINCT CASE WHEN q.classid = 'pg_rewrite'::regclass THEN CASE rc.relkind "
                + "WHEN 'm' THEN 'materialized view ' ELSE 'view ' END || rn.nspname || '.' || rc.relname "
                + "ELSE pg_describe_object(q.classid, q.objid, q.objsubid) END, "
                + "pg_describe_object(q.refclassid, q.refobjid, 0), rn.nspname || '.' || rc.relname "
                + "FROM (SELECT d.*, " + RELATION_OF_DEPENDENT + " AS rel FROM pg_depend d "
                + "WHERE d.deptype IN ('n', 'a') AND d.refclassid = 'pg_class'::regclass AND d.refobjid IN ("
                + "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname || '.' || c.relname = ANY (?))) q "
                + "JOIN pg_class rc ON rc.oid = q.rel JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                + "WHERE q.rel <> q.refobjid AND rc.relkind NOT IN ('i', 'I', 'S') "
                + "AND rn.nspname || '.' || rc.relname <> ALL (?) ORDER BY 1, 2";
        return problems(c, sql, skipped, 2);
    }

    /** The extensions whose types or functions objects of {@code schemas} use, when the backup does not hold them. */
    public static List<String> extensionsNeeded(Connection c, List<String> schemas) throws SQLException {
        String sql = "SELECT DISTINCT x.extname FROM (SELECT d.*, " + NAMESPACE_OF_DEPENDENT + " AS dns "
                + "FROM pg_depend d WHERE d.deptype IN ('n', 'a')) q "
                + "JOIN pg_depend e ON e.classid = q.refclassid AND e.objid = q.refobjid AND e.deptype = 'e' "
                + "JOIN pg_extension x ON x.oid = e.refobjid "
                + "WHERE q.dns IN (SELECT oid FROM pg_namespace WHERE nspname = ANY (?)) ORDER BY 1";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Columns of {@code schemas}' tables whose type is a user-defined enum, domain or composite type. */
    public static List<Problem> userTypedColumns(Connection c, List<String> schemas) throws SQLException {
        String sql = "SELECT 'column ' || a.attname || ' of table ' || n.nspname || '.' || c.relname, "
                + "CASE t.typtype WHEN 'e' THEN 'enum type ' WHEN 'd' THEN 'domain ' ELSE 'composite type ' END "
                + "|| tn.nspname || '.' || t.typname, n.nspname || '.' || c.relname "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_type t ON t.oid = CASE WHEN (SELECT typelem FROM pg_type WHERE oid = a.atttypid) <> 0 "
                + "AND (SELECT typlen FROM pg_type WHERE oid = a.atttypid) = -1 "
                + "THEN (SELECT typelem FROM pg_type WHERE oid = a.atttypid) ELSE a.atttypid END "
                + "JOIN pg_namespace tn ON tn.oid = t.typnamespace "
                + "WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 "
                + "AND NOT a.attisdropped AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND "
                + "(SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) AND NOT EXISTS (SELECT 1 FROM pg_depend e "
                + "WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e') ORDER BY 1";
        return problems(c, sql, schemas, 1);
    }

    private static List<Problem> problems(Connection c, String sql, List<String> schemas, int arrays)
            throws SQLException {
        List<Problem> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array a = c.createArrayOf("text", schemas.toArray());
            for (int i = 1; i <= arrays; i++) {
                ps.setArray(i, a);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Problem(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
