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

    /**
     * A {@code SHOW CREATE TABLE} text split for a fast load: {@code create} makes the table with its columns,
     * primary key and every key that cannot wait; {@code keys} (null when none) adds the secondary and unique keys
     * after the rows, in their original order and in one statement, so InnoDB builds each index once by sorting
     * instead of inserting every row into it; {@code foreignKeys} (null when none) adds the foreign keys after
     * every table has its keys (a key may reference another table's unique key). The server's own
     * {@code SHOW CREATE TABLE} afterwards reads as before.
     */
    public record Split(String create, String keys, String foreignKeys) {
    }

    /**
     * Splits a table's server text (see {@link Split}). Keeps the text whole when deferring could change the
     * table or fail: no primary key (InnoDB would cluster the rows differently), an AUTO_INCREMENT column that is
     * not first in the primary key (it needs its index at creation), partitioning, system versioning, or a layout
     * other than one definition per line.
     */
    public static Split deferKeys(String table, String createTable) {
        Split whole = new Split(createTable, null, null);
        String[] lines = createTable.split("\n", -1);
        if (lines.length < 3 || !lines[0].endsWith("(") || createTable.contains("PARTITION BY")
                || createTable.contains("WITH SYSTEM VERSIONING")) {
            return whole;
        }
        int close = lines.length - 1;
        while (close > 0 && !lines[close].startsWith(")")) {
            close--;
        }
        List<String> kept = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        String autoColumn = null;
        String primary = null;
        for (int i = 1; i < close; i++) {
            String def = lines[i];
            if (!def.startsWith("  ")) {
                return whole;
            }
            def = def.substring(2);
            if (def.endsWith(",")) {
                def = def.substring(0, def.length() - 1);
            } else if (i != close - 1) {
                return whole;
            }
            if (def.startsWith("`") && def.contains(" AUTO_INCREMENT")) {
                autoColumn = def.substring(0, def.indexOf("` ") + 1);
            }
            if (def.startsWith("PRIMARY KEY (")) {
                primary = def;
            }
            if (def.startsWith("KEY `") || def.startsWith("UNIQUE KEY `")) {
                keys.add(def);
            } else if (def.startsWith("CONSTRAINT `") && def.contains(" FOREIGN KEY (")) {
                foreign.add(def);
            } else {
                kept.add(def);
            }
        }
        // without a primary key InnoDB clusters the rows on the first unique NOT NULL key, so none may wait
        if ((keys.isEmpty() && foreign.isEmpty()) || primary == null
                || (autoColumn != null && !primary.startsWith("PRIMARY KEY (" + autoColumn))) {
            return whole;
        }
        StringBuilder create = new StringBuilder(lines[0]).append('\n');
        for (int i = 0; i < kept.size(); i++) {
            create.append("  ").append(kept.get(i)).append(i < kept.size() - 1 ? ",\n" : "\n");
        }
        for (int i = close; i < lines.length; i++) {
            create.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
        }
        return new Split(create.toString(), alter(table, keys), alter(table, foreign));
    }

    private static String alter(String table, List<String> definitions) {
        if (definitions.isEmpty()) {
            return null;
        }
        StringBuilder alter = new StringBuilder("ALTER TABLE `").append(table.replace("`", "``")).append('`');
        for (int i = 0; i < definitions.size(); i++) {
            alter.append(i == 0 ? " " : ", ").append("ADD ").append(definitions.get(i));
        }
        return alter.toString();
    }

    private static void setMode(Connection c, String mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
            ps.setString(1, mode);
            ps.execute();
        }
    }
}
