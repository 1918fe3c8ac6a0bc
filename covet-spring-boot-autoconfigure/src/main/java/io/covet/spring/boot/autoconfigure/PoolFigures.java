package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.pool.PoolStats;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Covet-managed pool's figures as the actuator shows them, in the health details and the {@code covet} endpoint. */
final class PoolFigures {
    private PoolFigures() {
    }

    /** Size, activity, counters and acquire-time percentiles of {@code db}'s pool (one Covet manages). */
    static Map<String, Object> of(Database db) {
        PoolStats s = db.pool().stats();
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("max", s.maxSize());
        pool.put("size", s.size());
        pool.put("active", s.active());
        pool.put("idle", s.idle());
        pool.put("pending", s.pending());
        pool.put("checkouts", s.checkouts());
        pool.put("timeouts", s.timeouts());
        pool.put("leaks", s.leaks());
        pool.put("acquireP50Millis", s.acquireP50().toNanos() / 1e6);
        pool.put("acquireP99Millis", s.acquireP99().toNanos() / 1e6);
        return pool;
    }
}
