package io.covet.schema.internal;

import io.covet.schema.SchemaScript;
import io.covet.schema.SchemaScript.Statement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The schema scripts of the engines whose servers write each object's whole definition themselves: MariaDB's
 * {@code SHOW CREATE TABLE/FUNCTION/PROCEDURE/VIEW/TRIGGER/EVENT} (the text {@code mariadb-dump} uses; routines,
 * triggers and events with the {@code sql_mode} they were created under) and SQLite's {@code sqlite_master.sql} (what
 * {@code .schema} prints), both relative to the database so the text runs in any database. Tables go before the
 * rows, everything else after them.
 */
public final class ServerTextScript {
    private ServerTextScript() {
    }

    /**
     * MariaDB: the tables, then routines, views (one naming another after it), triggers and events.
     *
     * @throws SQLException naming an object the server gave no definition for (a missing privilege)
     */
    public static SchemaScript mariadb(Connection c) throws SQLException {
        List<Statement> pre = new ArrayList<>();
        List<Statement> post = new ArrayList<>();
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
            pre.add(new Statement("TABLE", r[0], show(c, "TABLE", r[0], 2)));
        }
        for (String[] r : Rows.query(c, "SELECT ROUTINE_NAME, ROUTINE_TYPE, SQL_MODE FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE') ORDER BY ROUTINE_NAME")) {
            post.add(new Statement(r[1], r[0], show(c, r[1], r[0], 3), Map.of("sql_mode", r[2])));
        }
        List<Statement> views = new ArrayList<>();
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() "
                + "ORDER BY TABLE_NAME")) {
            views.add(new Statement("VIEW", r[0], show(c, "VIEW", r[0], 2)));
        }
        post.addAll(dependenciesFirst(views));
        for (String[] r : Rows.query(c, "SELECT TRIGGER_NAME, SQL_MODE FROM information_schema.TRIGGERS "
                + "WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
                + "ACTION_ORDER")) {
            post.add(new Statement("TRIGGER", r[0], show(c, "TRIGGER", r[0], 3), Map.of("sql_mode", r[1])));
        }
        for (String[] r : Rows.query(c, "SELECT EVENT_NAME, SQL_MODE FROM information_schema.EVENTS "
                + "WHERE EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME")) {
            post.add(new Statement("EVENT", r[0], show(c, "EVENT", r[0], 4), Map.of("sql_mode", r[1])));
        }
        return SchemaScript.of(Map.of(), pre, post, List.of());
    }

    private static String show(Connection c, String kind, String name, int column) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE " + kind + " `" + name.replace("`", "``") + "`")) {
            if (!rs.next() || rs.getString(column) == null) {
                throw new SQLException("SHOW CREATE " + kind + " " + name + " gave no definition (the user may lack "
                        + "the privilege to see it)");
            }
            return rs.getString(column);
        }
    }

    /** Orders views so that one whose definition names another comes after it. */
    private static List<Statement> dependenciesFirst(List<Statement> views) {
        List<Statement> pending = new ArrayList<>(views);
        List<Statement> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            Statement next = pending.stream().filter(v -> pending.stream().noneMatch(o -> o != v
                    && body(v).contains("`" + o.object().replace("`", "``") + "`"))).findFirst().orElse(pending.get(0));
            pending.remove(next);
            out.add(next);
        }
        return out;
    }

    private static String body(Statement view) {
        int as = view.sql().indexOf(" AS ");
        return as < 0 ? view.sql() : view.sql().substring(as);
    }

    /**
     * SQLite: every object with a definition in creation order, tables (virtual ones included) before the rows and
     * indexes, views and triggers after them; the shadow tables a virtual table keeps its index in are left out, as
     * the virtual table recreates them.
     */
    public static SchemaScript sqlite(Connection c) throws SQLException {
        Set<String> shadow = sqliteShadowTables(c);
        List<Statement> pre = new ArrayList<>();
        List<Statement> post = new ArrayList<>();
        for (String[] r : Rows.query(c, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")) {
            if (!shadow.contains(r[1])) {
                String kind = r[0].toUpperCase(Locale.ROOT);
                (kind.equals("TABLE") ? pre : post).add(new Statement(kind, r[1], r[2]));
            }
        }
        return SchemaScript.of(Map.of(), pre, post, List.of());
    }

    /** The shadow tables of SQLite's virtual tables (3.37+ lists them as such; older versions have none to list). */
    public static Set<String> sqliteShadowTables(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try {
            for (String[] r : Rows.query(c, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")) {
                out.add(r[0]);
            }
        } catch (SQLException e) {
            // pragma_table_list is newer than 3.37: no shadow tables can be told apart, so none are left out
        }
        return out;
    }
}
