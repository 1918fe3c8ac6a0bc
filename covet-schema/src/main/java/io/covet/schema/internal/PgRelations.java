package io.covet.schema.internal;

import io.covet.schema.SchemaScript.Section;
import io.covet.schema.internal.PgCatalog.Obj;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sequences, tables (columns with their types, collations, defaults, identity and generated expressions;
 * inline checks; partitioning, partitions and inheritance), views and materialized views of the schemas read; the
 * sequences' ownership and positions and the materialized views' refresh go after the rows.
 */
final class PgRelations {
    static final int SEQUENCE = 5;
    static final int TABLE = 6;
    static final int SEQUENCE_OWNER = 7;
    static final int VIEW = 8;
    static final int REFRESH = 17;
    static final int SEQUENCE_SET = 18;

    private final PgCatalog cat;
    private final Set<String> excluded;
    /** Identity columns ({@code relid:attnum}) → their {@code GENERATED … AS IDENTITY (…)} clause. */
    private final Map<String, String> identities = new HashMap<>();
    /** Materialized views whose rows are refreshed after the data: their relation oid → the refresh's key. */
    final Map<String, String> refreshes = new HashMap<>();

    /** @param excluded relation oids left out (with everything on them) */
    PgRelations(PgCatalog cat, Set<String> excluded) {
        this.cat = cat;
        this.excluded = excluded;
    }

    void read() throws SQLException {
        sequences();
        relations();
    }

    private void sequences() throws SQLException {
        for (String[] r : cat.rows("SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), "
                + "n.nspname || '.' || c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
                + "s.seqmin, s.seqmax, s.seqcache, s.seqcycle, c.relpersistence, d.refobjid, d.deptype, "
                + "quote_ident(tn.nspname) || '.' || quote_ident(t.relname), quote_ident(a.attname), a.attnum, "
                + "CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END, "
                + "quote_literal(quote_ident(n.nspname) || '.' || quote_ident(c.relname)) "
                + "FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_depend d ON d.classid = "
                + "'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass "
                + "AND d.deptype IN ('a', 'i') LEFT JOIN pg_class t ON t.oid = d.refobjid "
                + "LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace LEFT JOIN pg_attribute a "
                + "ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                + "WHERE c.relkind = 'S' AND c.relnamespace = ANY (?::oid[]) ORDER BY c.oid")) {
            if (cat.inExtension("pg_class", r[0]) || r[11] != null && excluded.contains(r[11])) {
                continue;
            }
            String options = "START WITH " + r[4] + " INCREMENT BY " + r[5] + " MINVALUE " + r[6] + " MAXVALUE "
                    + r[7] + " CACHE " + r[8] + ("t".equals(r[9]) ? " CYCLE" : "");
            String[] position = position(r[1]);
            cat.add("setval", r[0], Section.POST_DATA, SEQUENCE_SET, "SEQUENCE SET", r[2])
                    .add("SELECT pg_catalog.setval(" + r[17] + "::regclass, " + position[0] + ", " + position[1] + ")");
            if ("i".equals(r[12])) {
                // an identity's sequence is created by its column: the table creates it, with these options
                identities.put(r[11] + ":" + r[15], " GENERATED " + r[16] + " AS IDENTITY (SEQUENCE NAME " + r[1]
                        + " " + options + ")");
                cat.owner.put("pg_class:" + r[0], "pg_class:" + r[11]);
                continue;
            }
            Obj o = cat.add("pg_class", r[0], Section.PRE_DATA, SEQUENCE, "SEQUENCE", r[2])
                    .add("CREATE " + ("u".equals(r[10]) ? "UNLOGGED " : "") + "SEQUENCE " + r[1] + "\n    AS " + r[3]
                            + "\n    " + options.replace(" INCREMENT", "\n    INCREMENT").replace(" MINVALUE",
                            "\n    MINVALUE").replace(" MAXVALUE", "\n    MAXVALUE").replace(" CACHE", "\n    CACHE")
                            .replace(" CYCLE", "\n    CYCLE"));
            cat.comment(o, "pg_class", r[0], 0, "SEQUENCE " + r[1]);
            if ("a".equals(r[12])) {
                // OWNED BY comes after the table: the table's default calls nextval on the sequence
                Obj owned = cat.add("ownedby", r[0], Section.PRE_DATA, SEQUENCE_OWNER, "SEQUENCE OWNED BY", r[2])
                        .add("ALTER SEQUENCE " + r[1] + " OWNED BY " + r[13] + "." + r[14]);
                cat.dependencies.add(new String[] {owned.key, "pg_class:" + r[0]});
                cat.dependencies.add(new String[] {owned.key, "pg_class:" + r[11]});
            }
        }
    }

    /** {@code last_value} and {@code is_called}, read from the sequence itself (as pg_dump does). */
    private String[] position(String qualified) throws SQLException {
        return Rows.query(cat.c, "SELECT last_value, CASE WHEN is_called THEN 'true' ELSE 'false' END FROM " + qualified).get(0);
    }

    private void relations() throws SQLException {
        Map<String, List<Col>> columns = columns();
        Map<String, StringBuilder> checks = new HashMap<>();
        for (String[] r : cat.rows("SELECT co.conrelid, co.oid, quote_ident(co.conname), pg_get_constraintdef(co.oid) "
                + "FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid WHERE c.relnamespace = ANY (?::oid[]) "
                // a partition is created on its own and then attached, which needs the parent's checks on it
                // already (the catalog marks them inherited, not local, once attached)
                + "AND co.contype = 'c' AND (co.conislocal OR c.relispartition) AND co.convalidated "
                + "ORDER BY co.conname")) {
            checks.computeIfAbsent(r[0], k -> new StringBuilder()).append(",\n    CONSTRAINT ").append(r[2])
                    .append(' ').append(r[3]);
            cat.owner.put("pg_constraint:" + r[1], "pg_class:" + r[0]);
        }
        Map<String, List<String>> parents = new HashMap<>();
        for (String[] r : cat.rows("SELECT i.inhrelid, quote_ident(n.nspname) || '.' || quote_ident(p.relname), p.oid "
                + "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n "
                + "ON n.oid = p.relnamespace JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relnamespace = ANY (?::oid[]) "
                + "AND c.relkind IN ('r', 'p', 'f') ORDER BY i.inhrelid, i.inhseqno")) {
            parents.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            parents.computeIfAbsent(r[0] + ":oid", k -> new ArrayList<>()).add(r[2]);
        }
        for (String[] r : cat.rows("SELECT c.oid, c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname), "
                + "n.nspname || '.' || c.relname, c.relpersistence, c.relispartition, pg_get_expr(c.relpartbound, c.oid), "
                + "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, (SELECT string_agg(split_part(o, '=', 1) "
                + "|| '=' || quote_literal(substr(o, strpos(o, '=') + 1)), ', ') FROM unnest(c.reloptions) o), "
                + "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, c.relispopulated, c.reloftype, "
                + "c.relrowsecurity, c.relreplident, (SELECT quote_ident(amname) FROM pg_am WHERE oid = c.relam), "
                + "(SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid), "
                + "(SELECT array_to_string(t.reloptions, ', ') FROM pg_class t WHERE t.oid = c.reltoastrelid) "
                + "FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relnamespace = ANY (?::oid[]) "
                + "AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.oid")) {
            if (cat.inExtension("pg_class", r[0]) || excluded.contains(r[0])) {
                continue;
            }
            String kind = switch (r[1]) {
                case "v" -> "VIEW";
                case "m" -> "MATERIALIZED VIEW";
                case "f" -> "FOREIGN TABLE";
                default -> "TABLE";
            };
            if (r[1].equals("f")) {
                cat.notCarried.add("foreign table " + r[3] + " (Covet's catalog reader does not write foreign "
                        + "tables, servers or user mappings)");
                continue;
            }
            if (!"0".equals(r[11])) {
                cat.notCarried.add("table " + r[3] + " is a typed table (OF a composite type): Covet's catalog "
                        + "reader writes it as a plain table with the same columns");
            }
            if ("t".equals(r[12]) || !"0".equals(r[15])) {
                cat.notCarried.add("row-level security of table " + r[3] + " and its " + r[15] + " polic"
                        + ("1".equals(r[15]) ? "y" : "ies") + " (not written by Covet's catalog reader)");
            }
            if (r[16] != null) {
                cat.notCarried.add("storage parameters of the TOAST table of " + r[3] + " (" + r[16] + "): not "
                        + "written by Covet's catalog reader");
            }
            Obj o = cat.add("pg_class", r[0], Section.PRE_DATA, r[1].equals("v") || r[1].equals("m")
                    ? VIEW : TABLE, kind, r[3]);
            String with = r[8] == null ? "" : " WITH (" + r[8] + ")";
            String using = r[14] == null || r[14].equals("heap") ? "" : " USING " + r[14];
            List<Col> cols = columns.getOrDefault(r[0], List.of());
            switch (r[1]) {
                case "v" -> o.add("CREATE VIEW " + r[2] + with + " AS\n" + PgCatalog.strip(r[9]));
                case "m" -> {
                    o.add("CREATE MATERIALIZED VIEW " + r[2] + using + with + " AS\n" + PgCatalog.strip(r[9])
                            + "\n  WITH NO DATA");
                    if ("t".equals(r[10])) {
                        Obj refresh = cat.add("refresh", r[0], Section.POST_DATA, REFRESH, "MATERIALIZED VIEW DATA",
                                r[3]).add("REFRESH MATERIALIZED VIEW " + r[2]);
                        refreshes.put(r[0], refresh.key);
                        cat.dependencies.add(new String[] {refresh.key, o.key});
                    }
                }
                default -> {
                    List<String> ps = parents.getOrDefault(r[0], List.of());
                    boolean partition = "t".equals(r[5]);
                    StringBuilder sql = new StringBuilder("CREATE " + ("u".equals(r[4]) ? "UNLOGGED " : "")
                            + "TABLE " + r[2] + " (");
                    List<String> parts = new ArrayList<>();
                    for (Col col : cols) {
                        // a partition lists every column (its ATTACH checks they match); a child by INHERITS its own
                        if (partition || col.local()) {
                            parts.add(col.definition());
                        }
                    }
                    sql.append(parts.isEmpty() ? "" : "\n    " + String.join(",\n    ", parts));
                    StringBuilder k = checks.get(r[0]);
                    if (k != null) {
                        sql.append(parts.isEmpty() ? k.substring(1) : k);
                    }
                    sql.append(parts.isEmpty() && k == null ? ")" : "\n)");
                    if (!partition && !ps.isEmpty()) {
                        sql.append("\nINHERITS (").append(String.join(", ", ps)).append(')');
                    }
                    if (r[7] != null) {
                        sql.append("\nPARTITION BY ").append(r[7]);
                    }
                    o.add(sql.append(using).append(with).toString());
                    if (partition) {
                        String parent = parents.get(r[0] + ":oid").get(0);
                        if (excluded.contains(parent)) {
                            cat.notCarried.add("table " + r[3] + " is a partition of a table left out: Covet's "
                                    + "catalog reader writes it as a table of its own");
                        } else {
                            o.add("ATTACH PARTITION", "ALTER TABLE ONLY " + ps.get(0) + " ATTACH PARTITION " + r[2]
                                    + " " + r[6]);
                        }
                    }
                }
            }
            if (!r[1].equals("v") && !r[1].equals("m") && !"d".equals(r[13]) && !"i".equals(r[13])) {
                o.add("REPLICA IDENTITY", "ALTER TABLE ONLY " + r[2] + " REPLICA IDENTITY "
                        + ("f".equals(r[13]) ? "FULL" : "NOTHING"));
            }
            String alterRelation = "ALTER " + (r[1].equals("v") ? "VIEW " : r[1].equals("m") ? "MATERIALIZED VIEW "
                    : "TABLE ONLY ") + r[2] + " ALTER COLUMN ";
            for (Col col : cols) {
                for (String alter : col.alters()) {
                    o.add("ALTER COLUMN", alterRelation + alter);
                }
            }
            cat.comment(o, "pg_class", r[0], 0, kind + " " + r[2]);
            for (String[] a : columnNames.getOrDefault(r[0], List.of())) {
                cat.comment(o, "pg_class", r[0], Integer.parseInt(a[0]), "COLUMN " + r[2] + "." + a[1]);
            }
        }
    }

    /** Relation oid → {attnum, quoted name} of every column, for column comments. */
    private final Map<String, List<String[]>> columnNames = new HashMap<>();

    /**
     * One column: its definition inside CREATE TABLE ({@code local}: declared by the table, not only inherited) and
     * what is set on it afterwards ({@code name SET …}; views and materialized views have only those).
     */
    private record Col(boolean local, String definition, List<String> alters) {
    }

    /** Relation oid → its columns in order. */
    private Map<String, List<Col>> columns() throws SQLException {
        Map<String, List<Col>> out = new HashMap<>();
        for (String[] r : cat.rows("SELECT a.attrelid, a.attnum, quote_ident(a.attname), format_type(a.atttypid, "
                + "a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid), "
                + "a.attislocal, CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN "
                + "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co "
                + "JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END, "
                + "a.attstattarget, CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END, d.oid, c.relkind, "
                + "CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END, "
                + "array_to_string(a.attoptions, ', ') FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE c.relnamespace = ANY (?::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 "
                + "AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum")) {
            columnNames.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new String[] {r[1], r[2]});
            if (r[12] != null) {
                cat.owner.put("pg_attrdef:" + r[12], "pg_class:" + r[0]);
            }
            boolean view = r[13].equals("v") || r[13].equals("m");
            StringBuilder col = new StringBuilder();
            List<String> alters = new ArrayList<>();
            if (!view) {
                col.append(r[2]).append(' ').append(r[3]);
                if (r[9] != null) {
                    col.append(" COLLATE ").append(r[9]);
                }
                if ("s".equals(r[6])) {
                    col.append(" GENERATED ALWAYS AS (").append(r[7]).append(") STORED");
                } else if (r[7] != null) {
                    col.append(" DEFAULT ").append(r[7]);
                }
                String identity = identities.get(r[0] + ":" + r[1]);
                if (identity != null) {
                    col.append(identity);
                }
                if ("t".equals(r[4])) {
                    col.append(" NOT NULL");
                }
            } else if (r[7] != null) {
                alters.add(r[2] + " SET DEFAULT " + r[7]);
            }
            if (!"-1".equals(r[10]) && r[10] != null) {
                alters.add(r[2] + " SET STATISTICS " + r[10]);
            }
            if (r[11] != null) {
                alters.add(r[2] + " SET STORAGE " + switch (r[11]) {
                    case "p" -> "PLAIN";
                    case "e" -> "EXTERNAL";
                    case "m" -> "MAIN";
                    default -> "EXTENDED";
                });
            }
            if (r[14] != null) {
                alters.add(r[2] + " SET COMPRESSION " + r[14]);
            }
            if (r[15] != null) {
                alters.add(r[2] + " SET (" + r[15] + ")");
            }
            out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Col("t".equals(r[8]), col.toString(), alters));
        }
        return out;
    }
}
