package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.ObjectDdl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SQLite's schema as written when it was created ({@code sqlite_master.sql}, what {@code .schema} prints): declared
 * types as written, {@code WITHOUT ROWID}, {@code STRICT}, {@code AUTOINCREMENT}, generated columns, virtual tables
 * (FTS5), indexes, views and triggers, in creation order. The shadow tables a virtual table keeps its index in are
 * left out: the virtual table recreates them, and its rows are reloaded through it.
 */
public final class SqliteSchemaDump {
    private SqliteSchemaDump() {
    }

    /** Every object with a definition, in creation order, without shadow tables. */
    public static List<ObjectDdl> read(Connection c) throws SQLException {
        Set<String> shadow = shadowTables(c);
        List<ObjectDdl> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                     + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")) {
            while (rs.next()) {
                if (!shadow.contains(rs.getString(2))) {
                    out.add(new ObjectDdl(rs.getString(1).toUpperCase(Locale.ROOT), rs.getString(2), rs.getString(3),
                            null));
                }
            }
        }
        return out;
    }

    /** The shadow tables of virtual tables (SQLite 3.37+ lists them as such; older versions have none to list). */
    public static Set<String> shadowTables(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // pragma_table_list is newer than 3.37: no shadow tables can be told apart, so none are left out
        }
        return out;
    }
}
