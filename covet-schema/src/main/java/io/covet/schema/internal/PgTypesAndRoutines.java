package io.covet.schema.internal;

import io.covet.schema.SchemaScript.Section;
import io.covet.schema.internal.PgCatalog.Obj;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schemas, extensions, types (enum, composite, range, domain with its checks and default) and functions and
 * procedures of the schemas read, as {@code pre-data} objects of {@link PgCatalogScript}.
 */
final class PgTypesAndRoutines {
    static final int SCHEMA = 1;
    static final int EXTENSION = 2;
    static final int TYPE = 3;
    static final int FUNCTION = 4;

    private static final String COLLATION = "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) "
            + "FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = %s)";

    private final PgCatalog cat;
    /** An array type or multirange → the type it is made from (the same object creates both). */
    final Map<String, String> aliases = new HashMap<>();

    PgTypesAndRoutines(PgCatalog cat) {
        this.cat = cat;
    }

    void read(boolean wholeDatabase) throws SQLException {
        schemas();
        if (wholeDatabase) {
            extensions();
        }
        types();
        functions();
    }

    private void schemas() throws SQLException {
        for (String[] r : cat.rows("SELECT n.oid, quote_ident(n.nspname), n.nspname FROM pg_namespace n "
                + "WHERE n.oid = ANY (?::oid[]) ORDER BY n.nspname")) {
            Obj o = cat.add("pg_namespace", r[0], Section.PRE_DATA, SCHEMA, "SCHEMA", r[2])
                    .add("CREATE SCHEMA IF NOT EXISTS " + r[1]);
            cat.comment(o, "pg_namespace", r[0], 0, "SCHEMA " + r[1]);
        }
    }

    /** Extensions of the database (not those of initdb, such as plpgsql), each in its schema. */
    private void extensions() throws SQLException {
        for (String[] r : cat.rows("SELECT x.oid, quote_ident(x.extname), quote_ident(n.nspname), x.extname "
                + "FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.oid >= 16384 "
                + "ORDER BY x.extname")) {
            cat.add("pg_extension", r[0], Section.PRE_DATA, EXTENSION, "EXTENSION", r[3])
                    .add("CREATE EXTENSION IF NOT EXISTS " + r[1] + " WITH SCHEMA " + r[2]);
        }
    }

    private void types() throws SQLException {
        for (String[] r : cat.rows("SELECT t.oid, e.oid FROM pg_type t JOIN pg_type e ON e.typarray = t.oid "
                + "WHERE t.typnamespace = ANY (?::oid[]) UNION ALL SELECT r.rngmultitypid, r.rngtypid FROM pg_range r "
                + "JOIN pg_type t ON t.oid = r.rngtypid WHERE t.typnamespace = ANY (?::oid[])")) {
            aliases.put("pg_type:" + r[0], "pg_type:" + r[1]);
        }
        Map<String, StringBuilder> enums = new HashMap<>();
        for (String[] r : cat.rows("SELECT e.enumtypid, string_agg(quote_literal(e.enumlabel), ', ' "
                + "ORDER BY e.enumsortorder) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                + "WHERE t.typnamespace = ANY (?::oid[]) GROUP BY 1")) {
            enums.put(r[0], new StringBuilder(r[1]));
        }
        Map<String, String[]> ranges = new HashMap<>();
        for (String[] r : cat.rows("SELECT r.rngtypid, format_type(r.rngsubtype, NULL), CASE WHEN NOT opc.opcdefault "
                + "THEN quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) END, "
                + "CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN "
                + String.format(COLLATION, "r.rngcollation") + " END, "
                + "CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END, "
                + "CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END, "
                + "quote_ident(mn.nspname) || '.' || quote_ident(mt.typname) FROM pg_range r "
                + "JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_type st ON st.oid = r.rngsubtype "
                + "JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace opn ON opn.oid = opc.opcnamespace "
                + "JOIN pg_type mt ON mt.oid = r.rngmultitypid JOIN pg_namespace mn ON mn.oid = mt.typnamespace "
                + "WHERE t.typnamespace = ANY (?::oid[])")) {
            ranges.put(r[0], r);
        }
        Map<String, StringBuilder> composites = new HashMap<>();
        Map<String, List<String[]>> attributes = new HashMap<>();
        for (String[] r : cat.rows("SELECT a.attrelid, a.attnum, quote_ident(a.attname) || ' ' "
                + "|| format_type(a.atttypid, a.atttypmod) || coalesce(' COLLATE ' || CASE WHEN a.attcollation <> 0 "
                + "AND a.attcollation <> t.typcollation THEN " + String.format(COLLATION, "a.attcollation")
                + " END, ''), quote_ident(a.attname) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_type t ON t.oid = a.atttypid WHERE c.relkind = 'c' AND c.relnamespace = ANY (?::oid[]) "
                + "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum")) {
            StringBuilder b = composites.computeIfAbsent(r[0], k -> new StringBuilder());
            b.append(b.length() == 0 ? "" : ",\n    ").append(r[2]);
            attributes.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        Map<String, StringBuilder> checks = new HashMap<>();
        for (String[] r : cat.rows("SELECT co.contypid, co.oid, quote_ident(co.conname), pg_get_constraintdef(co.oid), "
                + "co.convalidated, quote_ident(n.nspname) || '.' || quote_ident(t.typname), co.conname, "
                + "n.nspname || '.' || t.typname FROM pg_constraint co JOIN pg_type t ON t.oid = co.contypid "
                + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typnamespace = ANY (?::oid[]) "
                + "ORDER BY co.conname")) {
            if ("t".equals(r[4])) {
                checks.computeIfAbsent(r[0], k -> new StringBuilder()).append("\n    CONSTRAINT ").append(r[2])
                        .append(' ').append(r[3]);
                cat.owner.put("pg_constraint:" + r[1], "pg_type:" + r[0]);
            } else {
                // NOT VALID: rows of the source may break it, so it is added after them, as it was, unchecked
                Obj o = cat.add("pg_constraint", r[1], Section.POST_DATA, PgPostData.CONSTRAINT, "CONSTRAINT",
                        r[7] + "." + r[6]).add("ALTER DOMAIN " + r[5] + " ADD CONSTRAINT " + r[2] + " " + r[3]);
                cat.comment(o, "pg_constraint", r[1], 0, "CONSTRAINT " + r[2] + " ON DOMAIN " + r[5]);
            }
        }
        for (String[] r : cat.rows("SELECT t.oid, t.typtype, quote_ident(n.nspname) || '.' || quote_ident(t.typname), "
                + "n.nspname || '.' || t.typname, t.typrelid, format_type(t.typbasetype, t.typtypmod), "
                + "CASE WHEN t.typcollation <> 0 AND t.typcollation <> (SELECT b.typcollation FROM pg_type b "
                + "WHERE b.oid = t.typbasetype) THEN " + String.format(COLLATION, "t.typcollation") + " END, "
                + "pg_get_expr(t.typdefaultbin, 'pg_catalog.pg_type'::regclass), t.typnotnull "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typnamespace = ANY (?::oid[]) "
                + "AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') "
                + "AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid) AND t.typtype <> 'm' "
                + "ORDER BY t.oid")) {
            if (cat.inExtension("pg_type", r[0])) {
                continue;
            }
            String sql;
            String kind = "TYPE";
            switch (r[1]) {
                case "e" -> sql = "CREATE TYPE " + r[2] + " AS ENUM (" + enums.getOrDefault(r[0], new StringBuilder())
                        + ")";
                case "c" -> sql = "CREATE TYPE " + r[2] + " AS (\n    "
                        + composites.getOrDefault(r[4], new StringBuilder()) + "\n)";
                case "r" -> {
                    String[] g = ranges.get(r[0]);
                    if (g[4] != null) {
                        cat.notCarried("pg_type", r[0], "range type " + r[3], "range type " + r[3] + " (its "
                                + "canonical function " + g[4] + " needs a shell type, which Covet's catalog reader "
                                + "does not write)");
                        continue;
                    }
                    sql = "CREATE TYPE " + r[2] + " AS RANGE (\n    subtype = " + g[1]
                            + (g[2] == null ? "" : ",\n    subtype_opclass = " + g[2])
                            + (g[3] == null ? "" : ",\n    collation = " + g[3])
                            + (g[5] == null ? "" : ",\n    subtype_diff = " + g[5])
                            + ",\n    multirange_type_name = " + g[6] + "\n)";
                }
                case "d" -> {
                    kind = "DOMAIN";
                    sql = "CREATE DOMAIN " + r[2] + " AS " + r[5] + (r[6] == null ? "" : " COLLATE " + r[6])
                            + (r[7] == null ? "" : " DEFAULT " + r[7]) + ("t".equals(r[8]) ? " NOT NULL" : "")
                            + checks.getOrDefault(r[0], new StringBuilder());
                }
                default -> {
                    String what = (r[1].equals("p") ? "shell type " : "base type ") + r[3];
                    cat.notCarried("pg_type", r[0], what, what + " (a type implemented in C outside an extension: "
                            + "Covet's catalog reader does not write it)");
                    continue;
                }
            }
            Obj o = cat.add("pg_type", r[0], Section.PRE_DATA, TYPE, kind, r[3]).add(sql);
            cat.comment(o, "pg_type", r[0], 0, kind + " " + r[2]);
            if (r[1].equals("c")) {
                cat.owns(o, "pg_class", r[4]);
                for (String[] a : attributes.getOrDefault(r[4], List.of())) {
                    cat.comment(o, "pg_class", r[4], Integer.parseInt(a[1]), "COLUMN " + r[2] + "." + a[3]);
                }
            }
        }
    }

    private void functions() throws SQLException {
        for (String[] r : cat.rows("SELECT p.oid, p.prokind, quote_ident(n.nspname) || '.' || quote_ident(p.proname), "
                + "n.nspname || '.' || p.proname, pg_get_function_identity_arguments(p.oid), "
                + "CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.pronamespace = ANY (?::oid[]) "
                // a range type's constructors are created with it (an internal dependency on the type)
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
                + "AND d.objid = p.oid AND d.deptype = 'i') ORDER BY p.oid")) {
            if (cat.inExtension("pg_proc", r[0])) {
                continue;
            }
            String name = r[3] + "(" + r[4] + ")";
            if (r[1].equals("a")) {
                cat.notCarried("pg_proc", r[0], "aggregate " + name, "aggregate " + name
                        + " (Covet's catalog reader does not write CREATE AGGREGATE)");
                continue;
            }
            String kind = r[1].equals("p") ? "PROCEDURE" : "FUNCTION";
            Obj o = cat.add("pg_proc", r[0], Section.PRE_DATA, FUNCTION, kind, name).add(PgCatalog.strip(r[5]));
            cat.comment(o, "pg_proc", r[0], 0, kind + " " + r[2] + "(" + r[4] + ")");
        }
    }
}
