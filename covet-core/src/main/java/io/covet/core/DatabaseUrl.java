package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;

import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Covet database URL.
 *
 * <ul>
 *   <li>{@code postgresql://user:pass@host:5432/db?sslmode=require} (also {@code postgres://})</li>
 *   <li>{@code mariadb://user:pass@host:3306/db} and {@code mysql://…}</li>
 *   <li>{@code sqlite:path/to/file.db}, {@code sqlite:/abs/path.db}, {@code sqlite::memory:}</li>
 * </ul>
 *
 * <p>User name and password may be percent-encoded. Query parameters are passed to the JDBC driver unchanged.
 * {@link #toString()} masks the password, so a URL can be logged safely.
 */
public final class DatabaseUrl {
    private static final String MEMORY = ":memory:";

    private final Engine engine;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private DatabaseUrl(Engine engine, String host, int port, String database, String user, String password,
                        Map<String, String> parameters) {
        this.engine = engine;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * Parses a URL.
     *
     * @throws ConfigurationException naming the part that is wrong (scheme, host, port, database) and, for an
     *                                unknown scheme, listing the supported ones; the password is never echoed
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("database URL is empty: give one such as sqlite:covet.db or "
                    + "postgresql://user@localhost:5432/app");
        }
        String text = url.strip();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw malformed(text, "it has no scheme; start it with one of " + schemes());
        }
        String scheme = text.substring(0, colon);
        Engine engine;
        try {
            engine = Engine.forScheme(scheme);
        } catch (IllegalArgumentException e) {
            throw malformed(text, "unknown scheme '" + scheme + "'; supported schemes are " + schemes());
        }
        String rest = text.substring(colon + 1);
        // an in-process engine is named by a file, a server by host, port and database
        return engine.embedded() ? parseSqlite(text, rest) : parseServer(text, engine, rest);
    }

    private static DatabaseUrl parseSqlite(String text, String rest) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            parseQuery(text, rest.substring(q + 1), params);
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        if (rest.isEmpty()) {
            throw malformed(text, "the SQLite file path is missing; use sqlite:path/to/file.db or sqlite::memory:");
        }
        return new DatabaseUrl(Engine.SQLITE, null, -1, rest, null, null, params);
    }

    private static DatabaseUrl parseServer(String text, Engine engine, String rest) {
        if (!rest.startsWith("//")) {
            throw malformed(text, "expected '//' after '" + engine.scheme() + ":', as in " + engine.scheme()
                    + "://user@host:" + engine.defaultPort() + "/database");
        }
        rest = rest.substring(2);
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            parseQuery(text, rest.substring(q + 1), params);
            rest = rest.substring(0, q);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int c = userInfo.indexOf(':');
            user = decode(text, c >= 0 ? userInfo.substring(0, c) : userInfo, "user name");
            password = c >= 0 ? decode(text, userInfo.substring(c + 1), "password") : null;
            if (user.isEmpty()) {
                throw malformed(text, "the user name before '@' is empty");
            }
        }
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? rest.substring(slash + 1) : "";
        if (database.isEmpty()) {
            throw malformed(text, "the database name is missing after the host; add /name");
        }
        if (database.contains("/")) {
            throw malformed(text, "the database name '" + database + "' contains '/'");
        }
        String host;
        int port = engine.defaultPort();
        if (hostPort.startsWith("[")) { // IPv6 literal
            int end = hostPort.indexOf(']');
            if (end < 0) {
                throw malformed(text, "the IPv6 host is missing its closing ']'");
            }
            host = hostPort.substring(1, end);
            String after = hostPort.substring(end + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw malformed(text, "unexpected '" + after + "' after the host");
                }
                port = parsePort(text, after.substring(1));
            }
        } else {
            int pc = hostPort.lastIndexOf(':');
            host = pc >= 0 ? hostPort.substring(0, pc) : hostPort;
            if (pc >= 0) {
                port = parsePort(text, hostPort.substring(pc + 1));
            }
        }
        if (host.isEmpty()) {
            throw malformed(text, "the host is missing; use " + engine.scheme() + "://host:" + engine.defaultPort()
                    + "/" + database);
        }
        return new DatabaseUrl(engine, host, port, decode(text, database, "database name"), user, password, params);
    }

    private static int parsePort(String text, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw malformed(text, "the port " + p + " is out of range 1-65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw malformed(text, "the port '" + port + "' is not a number");
        }
    }

    private static void parseQuery(String text, String query, Map<String, String> into) {
        if (query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(text, eq >= 0 ? pair.substring(0, eq) : pair, "query parameter");
            if (key.isEmpty()) {
                throw malformed(text, "a query parameter has no name");
            }
            into.put(key, eq >= 0 ? decode(text, pair.substring(eq + 1), "query parameter") : "");
        }
    }

    private static String decode(String text, String s, String part) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(text, "the " + part + " has an invalid percent-escape");
        }
    }

    private static ConfigurationException malformed(String url, String why) {
        return new ConfigurationException("malformed database URL '" + maskRaw(url) + "': " + why);
    }

    private static String schemes() {
        return String.join(", ", Engine.supportedSchemes()) + " (postgres is an alias of postgresql)";
    }

    /** Masks whatever stands between the first ':' after '//' and the last '@', without parsing the rest. */
    static String maskRaw(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return url;
        }
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        int c = url.indexOf(':', start + 2);
        if (c < 0 || c > at) {
            return url;
        }
        return url.substring(0, c + 1) + "***" + url.substring(at);
    }

    /** The engine the scheme selects. */
    public Engine engine() {
        return engine;
    }

    /** The server host; empty for SQLite. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The server port (the engine's default when the URL names none); -1 for SQLite. */
    public int port() {
        return port;
    }

    /** The database name, or the SQLite file path ({@code :memory:} for an in-memory database). */
    public String database() {
        return database;
    }

    /** Whether this is an in-memory SQLite database. */
    public boolean inMemory() {
        return engine.embedded() && MEMORY.equals(database);
    }

    /**
     * The file that opening this URL would create: an embedded database's file that does not exist yet; empty
     * for a server, an in-memory database or an existing file. Commands that only read use it to refuse a typo
     * before the driver creates an empty file; commands that create use it to remove the file if they fail.
     */
    public Optional<Path> missingFile() {
        if (!engine.embedded() || inMemory()) {
            return Optional.empty();
        }
        Path p = Path.of(database);
        return Files.exists(p) ? Optional.empty() : Optional.of(p);
    }

    /** The user name, when the URL has one. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password, when the URL has one. Never printed by Covet. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Query parameters for the driver, in URL order; unmodifiable. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** {@code host:port} for messages, or the file path for SQLite. */
    public String location() {
        if (engine.embedded()) {
            return database;
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL with user and password set from outside, e.g. from configuration or environment. */
    public DatabaseUrl withCredentials(String user, String password) {
        return new DatabaseUrl(engine, host, port, database, user, password, new LinkedHashMap<>(parameters));
    }

    /** The URL as text with the password replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(engine.scheme()).append(':');
        if (engine.embedded()) {
            sb.append(database);
        } else {
            sb.append("//");
            if (user != null) {
                sb.append(user);
                if (password != null) {
                    sb.append(":***");
                }
                sb.append('@');
            }
            sb.append(location()).append('/').append(database);
        }
        if (!parameters.isEmpty()) {
            sb.append('?');
            parameters.forEach((k, v) -> sb.append(k).append('=').append(isSecretKey(k) ? "***" : v).append('&'));
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("key") || k.contains("token");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseUrl u && engine == u.engine && port == u.port && Objects.equals(host, u.host)
                && database.equals(u.database) && Objects.equals(user, u.user) && Objects.equals(password, u.password)
                && parameters.equals(u.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, host, port, database, user);
    }
}
