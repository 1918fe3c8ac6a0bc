package io.covet.core.replica;

import io.covet.core.engine.Engine;
import io.covet.core.internal.ReplicationSpecifics;

import java.util.Locale;
import java.util.Objects;

/**
 * A position in a primary's change stream, taken after a commit by {@link Replication#capture}: a replica that has
 * replayed up to it shows that commit and everything before it. PostgreSQL positions are WAL LSNs
 * ({@code 0/3000148}), MariaDB positions GTIDs ({@code 0-1-42}, one per replication domain).
 *
 * <p>{@link #asString()} gives a text form such as {@code postgresql:0/3000148} or {@code mariadb:0-1-42_1-2-7}
 * made of letters, digits and {@code : / _ -} only, so that it can travel in a cookie or an HTTP header from one
 * request to the next; {@link #parse} reads it back to an equal token. Immutable.
 */
public final class CausalToken {
    /** Longer input is refused before looking at it: a token is a few dozen characters. */
    private static final int MAX_TEXT = 512;

    private final Engine engine;
    private final String position;

    CausalToken(Engine engine, String position) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.position = Objects.requireNonNull(position, "position");
    }

    /**
     * Reads a token from its {@link #asString()} form.
     *
     * @throws IllegalArgumentException when the text is not a token (the message says what is wrong and quotes at
     *                                  most the first 40 characters)
     * @throws io.covet.core.error.UnsupportedFeature when the token names an engine without replicas (SQLite)
     */
    public static CausalToken parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("not a causal token: " + text.length() + " characters, while a token "
                    + "has at most " + MAX_TEXT + "; pass the text CausalToken.asString() produced");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a causal token: '" + shorten(text) + "' does not start with an "
                    + "engine name and ':' (e.g. postgresql:0/3000148); pass the text CausalToken.asString() produced");
        }
        Engine engine;
        try {
            engine = Engine.forScheme(text.substring(0, colon).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a causal token: '" + shorten(text) + "' names no engine Covet "
                    + "knows; " + e.getMessage(), e);
        }
        String position = text.substring(colon + 1).replace('_', ',');
        ReplicationSpecifics specifics = ReplicationSpecifics.of(engine);
        if (!specifics.isPosition(position)) {
            throw new IllegalArgumentException("not a causal token: '" + shorten(text) + "' has no "
                    + engine.displayName() + " position after the ':' (expected " + specifics.positionForm() + ")");
        }
        return new CausalToken(engine, position);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** The engine whose primary issued the position. */
    public Engine engine() {
        return engine;
    }

    /** The position as the engine writes it: an LSN, or a comma-separated GTID list (empty: nothing to wait for). */
    public String position() {
        return position;
    }

    /** The text form {@link #parse} reads back: engine scheme, {@code :}, the position with {@code ,} as {@code _}. */
    public String asString() {
        return engine.scheme() + ":" + position.replace(',', '_');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CausalToken t && t.engine == engine && t.position.equals(position);
    }

    @Override
    public int hashCode() {
        return engine.hashCode() * 31 + position.hashCode();
    }

    /** Same as {@link #asString()}: a token holds no secret. */
    @Override
    public String toString() {
        return asString();
    }
}
