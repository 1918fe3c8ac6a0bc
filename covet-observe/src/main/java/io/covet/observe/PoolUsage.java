package io.covet.observe;

/**
 * The connection pool of a database at one moment, as HikariCP reports it.
 *
 * @param active  connections lent out
 * @param idle    connections waiting in the pool
 * @param pending threads waiting for a connection
 * @param max     the pool's maximum size
 */
public record PoolUsage(int active, int idle, int pending, int max) {
    /** Whether every connection is lent out and someone is waiting: the pool is the bottleneck. */
    public boolean exhausted() {
        return active >= max && pending > 0;
    }
}
