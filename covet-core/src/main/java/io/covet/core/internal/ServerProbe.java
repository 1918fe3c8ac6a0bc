package io.covet.core.internal;

import io.covet.core.dialect.Engine;
import io.covet.core.dialect.Feature;
import io.covet.core.dialect.Features;
import io.covet.core.dialect.ServerInfo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads engine, version and capabilities from a live connection. Version thresholds come from
 * {@link Features}; what a version cannot tell (SQLite compile options, PostgreSQL's
 * {@code max_prepared_transactions}) is probed.
 */
public final class ServerProbe {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private ServerProbe() {
    }

    /** The engine a connection speaks to, from the driver's product name. */
    public static Engine engineOf(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return Engine.POSTGRESQL;
        }
        if (product.contains("sqlite")) {
            return Engine.SQLITE;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            String version = scalar(c, "SELECT VERSION()");
            return version.toLowerCase(Locale.ROOT).contains("mariadb") ? Engine.MARIADB : Engine.MYSQL;
        }
        throw new SQLException("unsupported database product '" + product + "': Covet supports "
                + String.join(", ", Engine.supportedSchemes()));
    }

    /** Detects everything about the server behind {@code c}. */
    public static ServerInfo probe(Connection c) throws SQLException {
        Engine engine = engineOf(c);
        // The probe is where capabilities come from (it feeds Features), so it cannot ask them: which query
        // reads the version, and which compile-time options or settings refine the version's feature set, are
        // facts of each engine.
        String version = switch (engine) {
            case POSTGRESQL -> scalar(c, "SHOW server_version");
            case SQLITE -> scalar(c, "SELECT sqlite_version()");
            default -> scalar(c, "SELECT VERSION()");
        };
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new SQLException("cannot read a version number from '" + version + "'");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        Set<Feature> features = Features.forVersion(engine, major, minor, false);
        switch (engine) {
            case POSTGRESQL -> {
                if (Integer.parseInt(scalar(c, "SHOW max_prepared_transactions")) == 0) {
                    features.remove(Feature.TWO_PHASE_COMMIT);
                }
            }
            case MYSQL -> {
                if (major == 8 && minor == 0 && patch < 31) {
                    features.remove(Feature.INTERSECT_EXCEPT);
                }
                if (major == 8 && minor == 0 && patch < 14) {
                    features.remove(Feature.LATERAL);
                }
            }
            case SQLITE -> {
                if (succeeds(c, "SELECT json('{}')")) {
                    features.add(Feature.JSON);
                }
                if ("1".equals(scalar(c, "SELECT sqlite_compileoption_used('ENABLE_FTS5')"))) {
                    features.add(Feature.FULLTEXT_FTS5);
                }
            }
            default -> {
            }
        }
        return new ServerInfo(engine, version, major, minor, features);
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean succeeds(Connection c, String sql) {
        try {
            scalar(c, sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
