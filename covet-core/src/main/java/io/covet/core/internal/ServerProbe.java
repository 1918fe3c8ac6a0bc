package io.covet.core.internal;

import io.covet.core.engine.Engine;
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
        EngineSpecifics specifics = EngineSpecifics.of(engine);
        String version = scalar(c, specifics.versionQuery());
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new SQLException("cannot read a version number from '" + version + "'");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        Set<Feature> features = Features.forVersion(engine, major, minor, false);
        specifics.refineFeatures(c, major, minor, patch, features);
        return new ServerInfo(engine, version, major, minor, features);
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static boolean succeeds(Connection c, String sql) {
        try {
            scalar(c, sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
