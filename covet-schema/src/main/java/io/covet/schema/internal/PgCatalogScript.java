package io.covet.schema.internal;

import io.covet.schema.SchemaScript;
import io.covet.schema.SchemaScript.Section;
import io.covet.schema.SchemaScript.Statement;
import io.covet.schema.internal.PgCatalog.Obj;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * PostgreSQL's schema read from {@code pg_catalog} as the script that recreates it: every object of the schemas read
 * written with the server's own definitions ({@code format_type}, {@code pg_get_expr}, {@code pg_get_constraintdef},
 * {@code pg_get_indexdef}, {@code pg_get_viewdef}, {@code pg_get_functiondef}, {@code pg_get_triggerdef},
 * {@code pg_get_ruledef}, {@code pg_get_partkeydef}, {@code pg_get_statisticsobjdef}), read with an empty search path
 * so that every name they print is qualified, and ordered by {@code pg_depend}: within each section an object comes
 * after everything it depends on; an object created before the rows that depends on one created after them (a view
 * grouping by a primary key) brings that one forward. Extensions' members are left to their CREATE EXTENSION.
 */
public final class PgCatalogScript {
    private final Connection c;
    private final List<String> schemas;
    private final Collection<String> excluded;

    /**
     * @param schemas  the schemas to read; empty for every schema but the system ones, and then the extensions too
     * @param excluded relations to leave out with everything on them, as {@code schema.name} (unquoted)
     */
    public PgCatalogScript(Connection c, List<String> schemas, Collection<String> excluded) {
        this.c = c;
        this.schemas = List.copyOf(schemas);
        this.excluded = List.copyOf(excluded);
    }

    /**
     * Reads the script inside the connection's current transaction (a backup's snapshot), or in autocommit mode
     * in a transaction of its own, with the search path emptied for the time it reads and then set back. A failure
     * inside the caller's transaction leaves it aborted, as any failed statement does.
     *
     * @throws SQLException when the catalog cannot be read
     * @throws IllegalArgumentException naming a schema that does not exist
     * @throws IllegalStateException naming objects that depend on each other in a cycle
     */
    public SchemaScript read() throws SQLException {
        // a transaction-local empty search path: a session one would outlive the read on a pooled connection
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            String saved = Rows.query(c, "SELECT current_setting('search_path')").get(0)[0];
            Rows.query(c, "SELECT set_config('search_path', '', true)");
            SchemaScript script = readQualified();
            if (!own) {
                Rows.query(c, "SELECT set_config('search_path', ?, true)", saved);
            }
            return script;
        } finally {
            if (own) {
                c.rollback(); // it only read
                c.setAutoCommit(true);
            }
        }
    }

    private SchemaScript readQualified() throws SQLException {
        boolean whole = schemas.isEmpty();
        PgCatalog cat = new PgCatalog(c, namespaces());
        Map<String, String> leftOut = excludedOids();
        Set<String> left = leftOut.keySet();
        PgTypesAndRoutines types = new PgTypesAndRoutines(cat);
        types.read(whole);
        PgRelations relations = new PgRelations(cat, left);
        relations.read();
        new PgPostData(cat, left).read();
        PgNotCarried.read(cat, whole);
        Map<String, String> aliases = new HashMap<>(types.aliases);
        for (String[] r : cat.rows("SELECT t.oid, t.typrelid FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid "
                + "WHERE t.typnamespace = ANY (?::oid[]) AND c.relkind <> 'c'")) {
            aliases.put("pg_type:" + r[0], "pg_class:" + r[1]); // a table's row type is created by the table
        }
        for (String[] r : cat.rows("SELECT r.oid, r.ev_class FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
                + "WHERE c.relnamespace = ANY (?::oid[]) AND r.rulename = '_RETURN'")) {
            aliases.put("pg_rewrite:" + r[0], "pg_class:" + r[1]); // a view's query is created by the view
        }
        List<String[]> edges = new ArrayList<>();
        Set<String> unusable = new TreeSet<>();
        for (String[] r : Rows.query(c, "SELECT classid::regclass::text, objid, refclassid::regclass::text, refobjid, "
                + "deptype FROM pg_depend WHERE deptype IN ('n', 'a', 'i') AND objid >= 16384 AND refobjid >= 16384")) {
            String dep = resolve(cat, aliases, r[0] + ":" + r[1]);
            if (dep == null || r[4].equals("a") && cat.objects.get(dep).kind.equals("SEQUENCE")) {
                continue; // a sequence OWNED BY a column: its ALTER SEQUENCE … OWNED BY follows the table instead
            }
            if (r[2].equals("pg_class") && left.contains(r[3])) {
                cat.notCarried.add(describe(cat.objects.get(dep)) + " uses relation " + leftOut.get(r[3]) + ", which is left "
                        + "out: Covet's catalog reader writes it, and it can only be created where that relation exists");
                continue;
            }
            String ref = resolve(cat, aliases, r[2] + ":" + r[3]);
            String lacking = cat.missing.get(r[2] + ":" + r[3]);
            if (ref == null && lacking != null) {
                unusable.add(describe(cat.objects.get(dep)) + " uses " + lacking);
            }
            if (ref != null && !ref.equals(dep)) {
                edges.add(new String[] {dep, ref});
                String a = relations.refreshes.get(dep.substring(dep.indexOf(':') + 1));
                String b = relations.refreshes.get(ref.substring(ref.indexOf(':') + 1));
                if (dep.startsWith("pg_class:") && ref.startsWith("pg_class:") && a != null && b != null) {
                    edges.add(new String[] {a, b}); // a materialized view's rows are read from the ones it reads
                }
            }
        }
        for (String[] d : cat.dependencies) {
            String ref = cat.objects.containsKey(d[1]) ? d[1] : resolve(cat, aliases, d[1]);
            if (ref != null) {
                edges.add(new String[] {d[0], ref});
            }
        }
        if (!unusable.isEmpty()) {
            // the script would fail where they are created: refused now, before anything is written
            throw new IllegalStateException("Covet's catalog reader cannot write PostgreSQL's schema: "
                    + String.join("; ", unusable) + ", which it does not write; take the schema with pg_dump, or "
                    + "leave out what uses it");
        }
        bringForward(cat, edges);
        return SchemaScript.of(Map.of("check_function_bodies", "false"), sorted(cat, edges, Section.PRE_DATA),
                sorted(cat, edges, Section.POST_DATA), new ArrayList<>(new LinkedHashSet<>(cat.notCarried)));
    }

    private static String describe(Obj o) {
        return o.kind.toLowerCase(Locale.ROOT) + " " + o.name;
    }

    /** The object that creates the catalog row, or null when none of the script's objects does. */
    private static String resolve(PgCatalog cat, Map<String, String> aliases, String row) {
        String at = row;
        for (int i = 0; i < 4 && aliases.containsKey(at); i++) {
            at = aliases.get(at);
        }
        String key = cat.owner.get(at);
        return key != null && cat.objects.containsKey(key) ? key : null; // null too for a part of a relation left out
    }

    /** An object before the rows that depends on one after them brings that one (and what it needs) forward. */
    private static void bringForward(PgCatalog cat, List<String[]> edges) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (String[] e : edges) {
                Obj dep = cat.objects.get(e[0]);
                Obj ref = cat.objects.get(e[1]);
                if (dep.section == Section.PRE_DATA && ref.section == Section.POST_DATA) {
                    ref.section = Section.PRE_DATA;
                    moved = true;
                }
            }
        }
    }

    private static List<Statement> sorted(PgCatalog cat, List<String[]> edges, Section section) {
        DependencyOrder<String> order = new DependencyOrder<>();
        for (Obj o : cat.objects.values()) {
            if (o.section == section) {
                order.add(o.key, o.priority, o.name);
            }
        }
        for (String[] e : edges) {
            order.dependsOn(e[0], e[1]);
        }
        List<Statement> out = new ArrayList<>();
        try {
            for (String key : order.sorted()) {
                Obj o = cat.objects.get(key);
                for (String[] s : o.sql) {
                    out.add(new Statement(s[0], o.name, s[1]));
                }
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Covet's catalog reader cannot write PostgreSQL's schema: "
                    + e.getMessage() + "; take the schema with pg_dump instead", e);
        }
        return out;
    }

    /** The schemas read as an {@code oid[]} literal. */
    private String namespaces() throws SQLException {
        List<String> oids = new ArrayList<>();
        if (schemas.isEmpty()) {
            for (String[] r : Rows.query(c, "SELECT n.oid FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\\_%' "
                    + "AND n.nspname <> 'information_schema' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                    + "WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e') "
                    + "ORDER BY n.nspname")) {
                oids.add(r[0]);
            }
        } else {
            Set<String> missing = new TreeSet<>(schemas);
            try (PreparedStatement ps = c.prepareStatement("SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        oids.add(rs.getString(1));
                        missing.remove(rs.getString(2));
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the database has no schema " + String.join(", ", missing));
            }
        }
        return "{" + String.join(",", oids) + "}";
    }

    /** The relations left out: oid → name. */
    private Map<String, String> excludedOids() throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (String x : excluded) {
            int dot = x.indexOf('.');
            List<String[]> r = Rows.query(c, "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = ? AND c.relname = ?", x.substring(0, dot), x.substring(dot + 1));
            if (r.isEmpty()) {
                throw new IllegalArgumentException("no relation " + x + " to leave out");
            }
            out.put(r.get(0)[0], x);
        }
        return out;
    }
}
