package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.ObjectDdl;
import io.covet.core.engine.Engine;
import io.covet.schema.Introspector;
import io.covet.schema.SchemaScript;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB's schema as the server itself writes it ({@code SHOW CREATE TABLE/FUNCTION/PROCEDURE/VIEW/TRIGGER/EVENT},
 * the text {@code mariadb-dump} uses too), so a restore into MariaDB recreates every table option, index kind
 * (FULLTEXT, SPATIAL, prefix lengths, descending parts), generated column, charset, comment, routine, view,
 * trigger and event exactly. Names are relative to the database, so the text runs in any database.
 */
public final class MariaDbSchemaDump {
    private MariaDbSchemaDump() {
    }

    /**
     * Reads every object of the current database (covet-schema's {@link Introspector#readScript}): tables, then
     * routines, views, triggers and events.
     */
    public static List<ObjectDdl> read(Connection c) throws SQLException {
        return objects(Introspector.readScript(c, Engine.MARIADB, List.of(), List.of()));
    }

    /** A MariaDB or SQLite script as the manifest's objects, in order. */
    static List<ObjectDdl> objects(SchemaScript script) {
        List<ObjectDdl> out = new ArrayList<>();
        for (SchemaScript.Section section : SchemaScript.Section.values()) {
            for (SchemaScript.Statement st : script.statements(section)) {
                out.add(new ObjectDdl(st.kind(), st.object(), st.sql(), st.settings().get("sql_mode")));
            }
        }
        return out;
    }

    /**
     * Creates one non-table object in the connection's current database under the {@code sql_mode} it was created
     * with; returns the statement that drops it again.
     *
     * @throws SQLException naming the object
     */
    public static String create(Connection c, ObjectDdl o) throws SQLException {
        String saved = null;
        try (Statement s = c.createStatement()) {
            if (o.sqlMode() != null) {
                try (ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
                    rs.next();
                    saved = rs.getString(1);
                }
                setMode(c, o.sqlMode());
            }
            s.execute(o.sql());
        } catch (SQLException e) {
            throw new SQLException("restoring " + o.kind().toLowerCase(java.util.Locale.ROOT) + " " + o.name()
                    + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            if (saved != null) {
                setMode(c, saved);
            }
        }
        return "DROP " + o.kind() + " IF EXISTS `" + o.name().replace("`", "``") + "`";
    }

    private static void setMode(Connection c, String mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
            ps.setString(1, mode);
            ps.execute();
        }
    }
}
