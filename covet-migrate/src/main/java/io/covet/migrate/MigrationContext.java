package io.covet.migrate;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a data migration ({@link DataMigration}) gets: the migration's own connection (so its statements are
 * part of the migration's transaction on PostgreSQL and SQLite), the engine, and small helpers that always bind
 * values as parameters.
 */
public final class MigrationContext {
    private final Connection connection;
    private final Dialect dialect;
    private final Consumer<String> progress;
    private final List<String> args;

    MigrationContext(Connection connection, Dialect dialect, Consumer<String> progress) {
        this(connection, dialect, progress, List.of());
    }

    private MigrationContext(Connection connection, Dialect dialect, Consumer<String> progress, List<String> args) {
        this.connection = connection;
        this.dialect = dialect;
        this.progress = progress;
        this.args = args;
    }

    MigrationContext withArgs(List<String> newArgs) {
        return new MigrationContext(connection, dialect, progress, newArgs);
    }

    /** The arguments the RunJava operation gives ({@code "args"} in the migration file). */
    public List<String> args() {
        return args;
    }

    /** The migration's connection; do not commit, roll back or close it. */
    public Connection connection() {
        return connection;
    }

    /** The engine being migrated. */
    public Engine engine() {
        return dialect.engine();
    }

    /** The dialect, to quote identifiers. */
    public Dialect dialect() {
        return dialect;
    }

    /** Runs a statement with bound parameters; returns the update count. */
    public int execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs a query with bound parameters; each row maps column label to value. */
    public List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Reports progress of a long data migration (printed by the CLI). */
    public void progress(String message) {
        progress.accept(message);
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
