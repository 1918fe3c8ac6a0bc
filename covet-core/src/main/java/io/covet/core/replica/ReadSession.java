package io.covet.core.replica;

import io.covet.core.internal.ReadScope;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A unit of work whose reads see its own writes although they run on replicas: after each write it commits on
 * the primary (a statement outside a transaction, or a transaction's commit), the session keeps the primary's
 * position as a {@link CausalToken}; a later {@link Consistency#READ_YOUR_WRITES} read in the session (the default
 * inside one) waits on a replica until it has replayed that position, up to
 * {@link ReplicaConfig#readYourWritesTimeout()}, then reads the primary instead.
 *
 * <p>The token travels as text: {@link #export()} after a request, {@link #resume(String)} in the next one (in a
 * cookie or a header), so that a user who just posted sees the post on the next page, served by a replica.
 * Thread-safe; a session is usually used by one request at a time.
 *
 * <pre>{@code
 * ReadSession session = ReadSession.resume(request.header("X-Covet-Token"));   // or ReadSession.start()
 * session.run(() -> {
 *     db.sql("INSERT INTO post (body) VALUES (?)", body).execute();
 *     return db.sql("SELECT * FROM post WHERE author = ?", me).list();   // sees the insert
 * });
 * response.header("X-Covet-Token", session.export());
 * }</pre>
 */
public final class ReadSession {
    private final ReadScope.Session state;

    private ReadSession(CausalToken token) {
        this.state = new ReadScope.Session(token);
    }

    /** A session that has written nothing yet. */
    public static ReadSession start() {
        return new ReadSession(null);
    }

    /**
     * A session continuing from an exported token; null or empty text starts a new one.
     *
     * @throws IllegalArgumentException when the text is not a token ({@link CausalToken#parse})
     */
    public static ReadSession resume(String token) {
        return new ReadSession(token == null || token.isEmpty() ? null : CausalToken.parse(token));
    }

    /** Runs {@code work} in this session: its writes advance the token, its reads default to read-your-writes. */
    public <T> T run(Supplier<T> work) {
        return ReadScope.call(null, null, state, Objects.requireNonNull(work, "work"));
    }

    /** {@link #run(Supplier)} for work that returns nothing. */
    public void run(Runnable work) {
        Objects.requireNonNull(work, "work");
        run(() -> {
            work.run();
            return null;
        });
    }

    /** The position of the session's last commit; empty before the first. */
    public Optional<CausalToken> token() {
        return Optional.ofNullable(state.token());
    }

    /** The token as text ({@link CausalToken#asString()}), or an empty string before the first commit. */
    public String export() {
        CausalToken t = state.token();
        return t == null ? "" : t.asString();
    }

    @Override
    public String toString() {
        return "ReadSession[" + export() + "]";
    }
}
