package io.covet.schema.internal;

import io.covet.core.engine.Engine;
import io.covet.schema.NativeObject;
import io.covet.schema.NativeObject.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads views, triggers, trigger functions and expression indexes as engine-native SQL. Each engine's catalog
 * echoes definitions in its own canonical spelling, so a definition read back after recreating it is the same
 * text. Schema qualifiers of the database read are removed so the SQL recreates the object wherever it runs.
 */
public final class NativeReader {
    private final Connection c;
    private final Engine engine;

    public NativeReader(Connection c, Engine engine) {
        this.c = c;
        this.engine = engine.family();
    }

    /** Every native object, kinds in creation order, each kind in an order that creates dependencies first. */
    public List<NativeObject> read() throws SQLException {
        // catalog access: each engine keeps views, functions and triggers in its own catalog
        List<NativeObject> out = switch (engine) {
            case POSTGRESQL -> postgres();
            case MARIADB -> mariadb();
            default -> sqlite();
        };
        List<NativeObject> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(NativeObject::kind)); // stable: keeps the order within a kind
        return sorted;
    }

    private List<NativeObject> postgres() throws SQLException {
        List<NativeObject> out = new ArrayList<>();
        String schema = Rows.query(c, "SELECT quote_ident(current_schema())").get(0)[0];
        // pg_get_indexdef and pg_get_triggerdef always qualify the table; the qualifier is the only " ON s." there
        String on = " ON " + schema + ".";
        for (String[] r : Rows.query(c, "SELECT ic.relname, c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid WHERE n.nspname = current_schema() "
                + "AND c.relkind IN ('r', 'p') AND 0 = ANY (i.indkey::int2[]) ORDER BY ic.oid")) {
            out.add(new NativeObject(Kind.INDEX, r[0], r[1], r[2].replace(on, " ON ")));
        }
        for (String[] r : Rows.query(c, "SELECT c.relname, quote_ident(c.relname), pg_get_viewdef(c.oid) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                + "AND c.relkind = 'v' ORDER BY c.oid")) {
            out.add(new NativeObject(Kind.VIEW, r[0], null, "CREATE VIEW " + r[1] + " AS\n" + stripSemicolon(r[2])));
        }
        Map<String, NativeObject> functions = new LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid), p.proname, "
                + "pg_get_functiondef(p.oid), pn.nspname = current_schema(), "
                + "quote_ident(pn.nspname) || '.' || quote_ident(p.proname) || '(' FROM pg_trigger t "
                + "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace "
                + "WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY t.oid")) {
            if ("t".equals(r[5]) && !functions.containsKey(r[3])) {
                String def = stripSemicolon(r[4]).replaceFirst(java.util.regex.Pattern.quote("FUNCTION " + r[6]),
                        java.util.regex.Matcher.quoteReplacement("FUNCTION " + r[6].substring(schema.length() + 1)));
                functions.put(r[3], new NativeObject(Kind.FUNCTION, r[3], null, def));
            }
            out.add(new NativeObject(Kind.TRIGGER, r[0], r[1], r[2].replace(on, " ON ")));
        }
        out.addAll(functions.values());
        return out;
    }

    private List<NativeObject> mariadb() throws SQLException {
        List<NativeObject> out = new ArrayList<>();
        String db = Rows.query(c, "SELECT DATABASE()").get(0)[0];
        String qualifier = "`" + db.replace("`", "``") + "`.";
        List<NativeObject> views = new ArrayList<>();
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION FROM information_schema.VIEWS "
                + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
            String check = "NONE".equals(r[2]) ? "" : " WITH " + r[2] + " CHECK OPTION";
            views.add(new NativeObject(Kind.VIEW, r[0], null, "CREATE VIEW " + quote(r[0]) + " AS "
                    + r[1].replace(qualifier, "") + check));
        }
        out.addAll(dependenciesFirst(views));
        for (String[] r : Rows.query(c, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
                + "ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                + "ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER")) {
            out.add(new NativeObject(Kind.TRIGGER, r[0], r[1], "CREATE TRIGGER " + quote(r[0]) + " " + r[2] + " "
                    + r[3] + " ON " + quote(r[1]) + " FOR EACH ROW " + r[4]));
        }
        return out;
    }

    private List<NativeObject> sqlite() throws SQLException {
        List<NativeObject> out = new ArrayList<>();
        // rowid order is creation order, so a view comes after the views it reads
        for (String[] r : Rows.query(c, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                + "WHERE type IN ('view', 'trigger', 'index') AND sql IS NOT NULL ORDER BY rowid")) {
            switch (r[0]) {
                case "view" -> out.add(new NativeObject(Kind.VIEW, r[1], null, r[3]));
                case "trigger" -> out.add(new NativeObject(Kind.TRIGGER, r[1], r[2], r[3]));
                default -> {
                    // an expression key part has no column name (cid -2)
                    if (!Rows.query(c, "SELECT 1 FROM pragma_index_xinfo(?) WHERE key AND name IS NULL", r[1]).isEmpty()) {
                        out.add(new NativeObject(Kind.INDEX, r[1], r[2], r[3]));
                    }
                }
            }
        }
        return out;
    }

    /** Orders views so that one whose definition names another comes after it. */
    private static List<NativeObject> dependenciesFirst(List<NativeObject> views) {
        List<NativeObject> pending = new ArrayList<>(views);
        List<NativeObject> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            NativeObject next = pending.stream().filter(v -> pending.stream().noneMatch(o -> o != v
                    && v.sql().contains(quote(o.name())))).findFirst().orElse(pending.get(0));
            pending.remove(next);
            out.add(next);
        }
        return out;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }
}
