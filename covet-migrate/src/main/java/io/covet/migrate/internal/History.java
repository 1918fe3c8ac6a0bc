package io.covet.migrate.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The history table: one row per applied migration (app, name, checksum, applied time, duration, who applied
 * it). A row in state {@code partial} with {@code ops_done = k} means operations 1..k of that migration are in
 * the database and the rest are not (MariaDB, whose DDL commits at once, writes it after each operation).
 */
public final class History {
    /** One row. */
    public record Entry(String app, String name, String checksum, String appliedAt, long durationMs,
                        String appliedBy, String state, int opsDone) {
        public boolean partial() {
            return "partial".equals(state);
        }
    }

    private final Dialect d;
    private final String table;

    public History(Dialect dialect, String table) {
        this.d = dialect;
        this.table = table;
    }

    /** The table name. */
    public String table() {
        return table;
    }

    /** The history table as schema state. */
    public Table definition() {
        return new Table(table, List.of(
                Column.autoIncrement("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("app", ColumnType.varchar(100)),
                Column.of("name", ColumnType.varchar(200)),
                Column.of("checksum", ColumnType.varchar(64)),
                Column.of("applied_at", ColumnType.varchar(40)),
                Column.of("duration_ms", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("applied_by", ColumnType.varchar(200)),
                Column.of("state", ColumnType.varchar(16)),
                Column.of("ops_done", ColumnType.of(ColumnType.Kind.INTEGER))),
                List.of("id"), List.of(new UniqueConstraint(table + "_app_name_uniq", List.of("app", "name"))),
                List.of(), List.of(), List.of());
    }

    /** Creates the table unless it exists. */
    public void ensure(Connection c) throws SQLException {
        if (exists(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (String sql : SchemaDdl.of(d).createTable(definition())) {
                s.execute(sql);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    public boolean exists(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), table, null)) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    public List<Entry> read(Connection c) throws SQLException {
        List<Entry> out = new ArrayList<>();
        if (!exists(c)) {
            return out;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + cols()
                + " FROM " + d.quote(table) + " ORDER BY " + d.quote("id"))) {
            while (rs.next()) {
                out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8)));
            }
        }
        return out;
    }

    private String cols() {
        return String.join(", ", d.quote("app"), d.quote("name"), d.quote("checksum"), d.quote("applied_at"),
                d.quote("duration_ms"), d.quote("applied_by"), d.quote("state"), d.quote("ops_done"));
    }

    public void insert(Connection c, String app, String name, String checksum, long durationMs, String state,
                       int opsDone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + d.quote(table) + " (" + cols()
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, app);
            ps.setString(2, name);
            ps.setString(3, checksum);
            ps.setString(4, Instant.now().toString());
            ps.setLong(5, durationMs);
            ps.setString(6, who());
            ps.setString(7, state);
            ps.setInt(8, opsDone);
            ps.executeUpdate();
        }
    }

    public void progress(Connection c, String app, String name, String state, int opsDone, long durationMs)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + d.quote(table) + " SET " + d.quote("state")
                + " = ?, " + d.quote("ops_done") + " = ?, " + d.quote("duration_ms") + " = ? WHERE "
                + d.quote("app") + " = ? AND " + d.quote("name") + " = ?")) {
            ps.setString(1, state);
            ps.setInt(2, opsDone);
            ps.setLong(3, durationMs);
            ps.setString(4, app);
            ps.setString(5, name);
            ps.executeUpdate();
        }
    }

    public void updateChecksum(Connection c, String app, String name, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + d.quote(table) + " SET " + d.quote("checksum")
                + " = ? WHERE " + d.quote("app") + " = ? AND " + d.quote("name") + " = ?")) {
            ps.setString(1, checksum);
            ps.setString(2, app);
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, String app, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + d.quote(table) + " WHERE " + d.quote("app")
                + " = ? AND " + d.quote("name") + " = ?")) {
            ps.setString(1, app);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    static String who() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }
}
