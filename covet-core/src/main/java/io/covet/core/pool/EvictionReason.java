package io.covet.core.pool;

/**
 * Why a physical connection left the pool. HikariCP closes connections without telling why, so reasons marked
 * <em>inferred</em> are Covet's reading of the connection's age and idle time when HikariCP closed it; the others
 * are known because Covet itself asked for the eviction.
 */
public enum EvictionReason {
    /**
     * Inferred: reached the pool's max lifetime (HikariCP's recycling, SQLAlchemy's {@code pool_recycle}), which
     * HikariCP shortens per connection by a random amount of up to 25 %.
     */
    LIFETIME,
    /**
     * Inferred: idle longer than the idle timeout while the pool held more than its minimum idle. A connection
     * that reaches its lifetime in that state is counted here too: the two cannot be told apart from outside.
     */
    IDLE,
    /**
     * Inferred: closed by HikariCP before its lifetime and not idle-expired: it failed HikariCP's own liveness
     * check ({@code isValid}) or a statement on it failed with a connection error (e.g. the server killed it).
     */
    DEAD,
    /** Known: it failed Covet's check-out validation ({@link PoolSettings#aliveBypassWindow()}). */
    VALIDATION_FAILURE,
    /** Known: an on-connect, on-checkout or on-checkin hook failed on it. */
    HOOK_FAILURE,
    /** Known: returned while the pool was above the size its sizing policy allows (overflow, dynamic shrink). */
    SHRINK,
    /** Known: Covet evicted it for another reason (e.g. a transaction whose state could not be reset). */
    EVICTED,
    /**
     * Known: HikariCP's fail-fast check opens one connection while the pool starts and closes it again when min
     * idle is zero.
     */
    STARTUP_CHECK,
    /** Known: the pool was closing. */
    POOL_CLOSED
}
