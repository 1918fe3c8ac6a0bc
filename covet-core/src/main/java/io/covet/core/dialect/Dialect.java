package io.covet.core.dialect;

import io.covet.core.engine.Engine;

import java.util.Objects;

/**
 * How one engine spells identifiers: validation and quoting.
 *
 * <p>Every identifier Covet writes into SQL goes through {@link #quote(String)}, which first validates it and
 * then always quotes it, so a name can never be read as SQL. Values never pass through here: they are bound
 * parameters.
 */
public final class Dialect {
    private final ServerInfo server;
    private final char open;
    private final char close;
    private final int maxIdentifierLength;

    private Dialect(ServerInfo server) {
        this.server = server;
        Engine family = server.engine().family();
        // Dialect is core's per-dialect class (quoting and identifier rules of each engine's parser), the home
        // of these engine facts; they are rules of the SQL grammar, not optional capabilities.
        this.open = family == Engine.MARIADB ? '`' : '"';
        this.close = open;
        // PostgreSQL truncates at NAMEDATALEN-1 = 63 bytes; MariaDB refuses more than 64 characters.
        this.maxIdentifierLength = switch (family) {
            case POSTGRESQL -> 63;
            case MARIADB -> 64;
            default -> 128;
        };
    }

    /** The dialect of a live or assumed server. */
    public static Dialect of(ServerInfo server) {
        return new Dialect(Objects.requireNonNull(server, "server"));
    }

    /** The dialect of an engine at a recent version, without a server (for offline rendering). */
    public static Dialect of(Engine engine) {
        // the version each engine is assumed to run when no server is asked: a fact per engine, not a capability
        return switch (engine) {
            case POSTGRESQL -> of(ServerInfo.assumed(engine, 15, 0));
            case MARIADB -> of(ServerInfo.assumed(engine, 10, 11));
            case MYSQL -> of(ServerInfo.assumed(engine, 8, 0));
            case SQLITE -> of(ServerInfo.assumed(engine, 3, 45));
        };
    }

    /** The server this dialect speaks to. */
    public ServerInfo server() {
        return server;
    }

    /** The engine. */
    public Engine engine() {
        return server.engine();
    }

    /** The dialect family (MySQL renders as MariaDB). */
    public Engine family() {
        return server.engine().family();
    }

    /** Whether the server has the feature. */
    public boolean supports(Feature feature) {
        return server.supports(feature);
    }

    /** The longest identifier the engine accepts without truncating it. */
    public int maxIdentifierLength() {
        return maxIdentifierLength;
    }

    /**
     * The statement that shows how the engine would run the query {@code sql} without running it: {@code EXPLAIN}
     * followed by the query on PostgreSQL and MariaDB/MySQL, {@code EXPLAIN QUERY PLAN} on SQLite (whose plain
     * {@code EXPLAIN} lists virtual-machine opcodes). Takes the query's placeholders, so bind the same values. Only
     * for reads: an explained write may run on some engines.
     */
    public String explain(String sql) {
        // a rule of each engine's grammar, like the quote character
        return (family() == Engine.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
    }

    /**
     * Validates an identifier and returns it quoted for this engine ({@code "name"} or {@code `name`}).
     *
     * @throws InvalidIdentifierException if the name is empty, too long, or holds a quote character, a
     *                                    backslash, a NUL or another control character
     */
    public String quote(String identifier) {
        validate(identifier);
        return open + identifier + close;
    }

    /** Appends a validated, quoted identifier to {@code sb}; the allocation-free form of {@link #quote(String)}. */
    public StringBuilder quoteInto(StringBuilder sb, String identifier) {
        validate(identifier);
        return sb.append(open).append(identifier).append(close);
    }

    /**
     * Quotes a name read from the database's own catalog (a table or column that already exists) by the engine's
     * rules: the quote character is doubled inside the quotes, so every name the engine accepted is written back
     * exactly, whatever it holds ({@code "}, {@code `}, quotes, spaces, reserved words, any case or script). Unlike
     * {@link #quote(String)} it refuses nothing but an empty name or one holding NUL, which no engine stores; use it
     * only for names that come from the database, never for names a user or model chooses.
     *
     * @throws InvalidIdentifierException if the name is null, empty or holds NUL
     */
    public String quoteExisting(String identifier) {
        return quoteExistingInto(new StringBuilder(identifier == null ? 2 : identifier.length() + 2), identifier)
                .toString();
    }

    /** Appends {@link #quoteExisting(String)} of the name to {@code sb}. */
    public StringBuilder quoteExistingInto(StringBuilder sb, String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new InvalidIdentifierException(String.valueOf(identifier), "an identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new InvalidIdentifierException(identifier, "it contains NUL, which no engine keeps in a name");
        }
        sb.append(open);
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c == close) {
                sb.append(close);
            }
            sb.append(c);
        }
        return sb.append(close);
    }

    /**
     * Checks that a name can be used as an identifier on this engine.
     *
     * <p>Names are always quoted, so case and reserved words are safe; what is refused are characters that could
     * end the quoted name ({@code " ` '}), backslashes (MariaDB treats them specially in some modes), control
     * characters, and names longer than the engine keeps (PostgreSQL counts UTF-8 bytes). MariaDB also refuses
     * leading or trailing spaces and characters outside the Basic Multilingual Plane.
     *
     * @throws InvalidIdentifierException describing the first problem found
     */
    public void validate(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new InvalidIdentifierException(String.valueOf(identifier), "an identifier must not be empty");
        }
        if (identifier.length() > maxIdentifierLength) {
            throw new InvalidIdentifierException(identifier, "it is " + identifier.length() + " characters long and "
                    + server.engine().displayName() + " keeps at most " + maxIdentifierLength);
        }
        Engine family = family();
        // Each engine's own limits on names (see the constructor): grammar facts of the dialect.
        if (family == Engine.POSTGRESQL) {
            // PostgreSQL counts NAMEDATALEN in bytes and silently truncates, so two long names could become one.
            int bytes = identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > maxIdentifierLength) {
                throw new InvalidIdentifierException(identifier, "it is " + bytes + " bytes long in UTF-8 and "
                        + "PostgreSQL keeps at most " + maxIdentifierLength + " bytes");
            }
        }
        if (family == Engine.MARIADB && (identifier.startsWith(" ") || identifier.endsWith(" "))) {
            throw new InvalidIdentifierException(identifier, "it starts or ends with a space, which MariaDB strips "
                    + "or refuses in names");
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (family == Engine.MARIADB && Character.isSurrogate(c)) {
                throw new InvalidIdentifierException(identifier, "it contains U+" + Integer.toHexString(
                        identifier.codePointAt(i)).toUpperCase(java.util.Locale.ROOT) + " at position " + i
                        + ", outside the Basic Multilingual Plane that MariaDB allows in names");
            }
            if (c == '"' || c == '`' || c == '\'' || c == '\\') {
                throw new InvalidIdentifierException(identifier, "it contains the character " + c
                        + " at position " + i + ", which could end a quoted name");
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidIdentifierException(identifier, "it contains control character U+"
                        + String.format("%04X", (int) c) + " at position " + i);
            }
        }
    }

    @Override
    public String toString() {
        return "Dialect[" + server + "]";
    }
}
