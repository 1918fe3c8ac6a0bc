package io.covet.observe.http;

/**
 * A database the endpoint shows although it is not attached to the observability, e.g. one that could not be
 * opened yet: the page and {@code /health/ready} show it DOWN with {@link #reason()} while {@link #down()} is true.
 * Implementations are called on every request, from the server's threads, and must be thread-safe and quick.
 */
public interface DatabaseStatus {
    /** The database's name, as on the page. */
    String name();

    /** Its engine's URL scheme ({@code postgresql}, {@code mariadb}, {@code sqlite}), or empty when unknown. */
    String engine();

    /** Whether it is still unavailable; once false it is no longer shown by this status. */
    boolean down();

    /** Why it is unavailable, in one line a person can act on; never a secret. */
    String reason();
}
