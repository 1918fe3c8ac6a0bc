package io.covet.schema.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of the schemas read that Covet's catalog reader does not write, each named by the server
 * ({@code pg_describe_object}), so that a script that lacks them says so instead of dropping them silently.
 */
final class PgNotCarried {
    private static final String IN_SCHEMAS = "SELECT 'pg_operator'::regclass::oid AS cls, oid FROM pg_operator "
            + "WHERE oprnamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_opclass'::regclass, oid FROM pg_opclass WHERE opcnamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_opfamily'::regclass, oid FROM pg_opfamily WHERE opfnamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_collation'::regclass, oid FROM pg_collation WHERE collnamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_conversion'::regclass, oid FROM pg_conversion WHERE connamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_ts_config'::regclass, oid FROM pg_ts_config WHERE cfgnamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_ts_dict'::regclass, oid FROM pg_ts_dict WHERE dictnamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_ts_parser'::regclass, oid FROM pg_ts_parser WHERE prsnamespace = ANY (?::oid[]) "
            + "UNION ALL SELECT 'pg_ts_template'::regclass, oid FROM pg_ts_template "
            + "WHERE tmplnamespace = ANY (?::oid[])";
    /** Objects that belong to the database rather than a schema: read only for a whole-database script. */
    private static final String DATABASE_WIDE = " UNION ALL SELECT 'pg_cast'::regclass, oid FROM pg_cast "
            + "WHERE oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass "
            + "AND d.objid = pg_cast.oid AND d.deptype = 'i') " // a range's cast to its multirange comes with it
            + "UNION ALL SELECT 'pg_event_trigger'::regclass, oid FROM pg_event_trigger "
            + "UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, oid FROM pg_foreign_data_wrapper WHERE oid >= 16384 "
            + "UNION ALL SELECT 'pg_foreign_server'::regclass, oid FROM pg_foreign_server "
            + "UNION ALL SELECT 'pg_language'::regclass, oid FROM pg_language WHERE oid >= 16384 "
            + "UNION ALL SELECT 'pg_transform'::regclass, oid FROM pg_transform "
            + "UNION ALL SELECT 'pg_am'::regclass, oid FROM pg_am WHERE oid >= 16384 "
            + "UNION ALL SELECT 'pg_publication'::regclass, oid FROM pg_publication "
            + "UNION ALL SELECT 'pg_default_acl'::regclass, oid FROM pg_default_acl";

    private PgNotCarried() {
    }

    static void read(PgCatalog cat, boolean wholeDatabase) throws SQLException {
        for (String[] r : cat.rows("SELECT x.cls::regclass::text, x.oid, pg_describe_object(x.cls, x.oid, 0) FROM ("
                + IN_SCHEMAS + (wholeDatabase ? DATABASE_WIDE : "") + ") x ORDER BY 3")) {
            if (!cat.inExtension(r[0], r[1])) {
                cat.notCarried(r[0], r[1], r[2], r[2] + " (not written by Covet's catalog reader; recreate it by "
                        + "hand, or take the schema with pg_dump)");
            }
        }
        List<String> granted = new ArrayList<>();
        for (String[] r : cat.rows("SELECT 'pg_class', c.oid, pg_describe_object('pg_class'::regclass, c.oid, 0) "
                + "FROM pg_class c WHERE c.relnamespace = ANY (?::oid[]) AND c.relacl IS NOT NULL "
                + "UNION ALL SELECT DISTINCT 'pg_class', c.oid, pg_describe_object('pg_class'::regclass, c.oid, 0) "
                + "|| ' (columns)' FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "WHERE c.relnamespace = ANY (?::oid[]) AND a.attacl IS NOT NULL "
                + "UNION ALL SELECT 'pg_proc', p.oid, pg_describe_object('pg_proc'::regclass, p.oid, 0) FROM pg_proc p "
                + "WHERE p.pronamespace = ANY (?::oid[]) AND p.proacl IS NOT NULL "
                + "UNION ALL SELECT 'pg_type', t.oid, pg_describe_object('pg_type'::regclass, t.oid, 0) FROM pg_type t "
                + "WHERE t.typnamespace = ANY (?::oid[]) AND t.typacl IS NOT NULL "
                + "UNION ALL SELECT 'pg_namespace', n.oid, pg_describe_object('pg_namespace'::regclass, n.oid, 0) "
                + "FROM pg_namespace n WHERE n.oid = ANY (?::oid[]) AND n.nspacl IS NOT NULL AND n.nspname <> 'public' "
                + "ORDER BY 3")) {
            if (!cat.inExtension(r[0], r[1])) {
                granted.add(r[2]);
            }
        }
        if (!granted.isEmpty()) {
            cat.notCarried.add("privileges granted on " + granted.size() + " object(s) (" + String.join(", ",
                    granted.subList(0, Math.min(5, granted.size()))) + (granted.size() > 5 ? ", …" : "")
                    + "): Covet's catalog reader, like pg_dump --no-privileges, does not write GRANTs or owners");
        }
    }
}
