package io.covet.observe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.covet.core.pool.Pool;
import io.covet.core.pool.PoolSettings;
import io.covet.core.pool.PoolStats;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pools of some databases at one moment, in the one shape that both the observability endpoint
 * ({@code /pools.json}) and {@code covet pool stats} print, so that a script reads the same fields from a running
 * application as from the command line. Times are in microseconds or milliseconds as the field names say.
 *
 * @param takenAt when the figures were read
 * @param pools   one entry per database, in the order given
 */
public record PoolReport(Instant takenAt, List<Entry> pools) {
    private static final ObjectMapper READER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("covet-pool-report").addDeserializer(Instant.class,
                    new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }));

    /** Copies the list. */
    public PoolReport {
        pools = List.copyOf(pools);
    }

    /**
     * One database's pool.
     *
     * @param database         the database's name
     * @param maxSize          the pool's current maximum (a sizing policy may have moved it)
     * @param size             open physical connections
     * @param active           connections lent out
     * @param idle             connections waiting in the pool
     * @param pending          callers waiting for a connection
     * @param acquireP50Micros median sampled check-out time
     * @param acquireP99Micros 99th percentile of sampled check-out time
     * @param acquireMaxMicros slowest sampled check-out
     * @param checkouts        check-outs since the pool opened
     * @param timeouts         acquire timeouts since the pool opened
     * @param leaks            leases reported as leaks since the pool opened
     * @param evictions        closed physical connections per reason (lower case), zero reasons left out
     * @param leasesByCaller   current leases per calling method (only while leak detection is on)
     * @param settings         the effective settings
     */
    public record Entry(String database, int maxSize, int size, int active, int idle, int pending,
                        long acquireP50Micros, long acquireP99Micros, long acquireMaxMicros, long checkouts,
                        long timeouts, long leaks, Map<String, Long> evictions, Map<String, Integer> leasesByCaller,
                        Settings settings) {
        /** Copies the maps, sorted by key so that the output is stable. */
        public Entry {
            evictions = Collections.unmodifiableMap(new TreeMap<>(evictions));
            leasesByCaller = Collections.unmodifiableMap(new TreeMap<>(leasesByCaller));
        }
    }

    /**
     * A pool's effective settings (hooks are counted, not named: they are code).
     *
     * @param minIdle             connections kept open when idle
     * @param acquireTimeoutMs    how long a caller waits for a connection
     * @param maxLifetimeMs       connections older than this are recycled (0: never)
     * @param idleTimeoutMs       idle connections above min idle close after this (0: never)
     * @param keepaliveMs         idle connections are pinged this often (0: never)
     * @param aliveBypassWindowMs a connection used this recently is lent without a validity check
     * @param leakThresholdMs     a lease held longer is reported as a leak (0: off)
     * @param sizing              the sizing policy
     * @param onConnectSql        how many on-connect SQL statements run on each new connection
     */
    public record Settings(int minIdle, long acquireTimeoutMs, long maxLifetimeMs, long idleTimeoutMs,
                           long keepaliveMs, long aliveBypassWindowMs, long leakThresholdMs, String sizing,
                           int onConnectSql) {
    }

    /** Reads each pool's statistics and settings now. */
    public static PoolReport of(Map<String, Pool> pools) {
        List<Entry> entries = new ArrayList<>();
        pools.forEach((name, pool) -> entries.add(entry(name, pool)));
        return new PoolReport(Instant.now(), entries);
    }

    private static Entry entry(String name, Pool pool) {
        PoolStats s = pool.stats();
        PoolSettings p = pool.settings();
        Map<String, Long> evictions = new TreeMap<>();
        s.evictionsByReason().forEach((r, c) -> evictions.put(r.name().toLowerCase(Locale.ROOT), c));
        Settings settings = new Settings(p.minIdle(), p.acquireTimeout().toMillis(), p.maxLifetime().toMillis(),
                p.idleTimeout().toMillis(), p.keepalive().toMillis(), p.aliveBypassWindow().toMillis(),
                p.leakThreshold().toMillis(), p.sizing().toString(), p.onConnectSql().size());
        return new Entry(name, s.maxSize(), s.size(), s.active(), s.idle(), s.pending(), micros(s.acquireP50()),
                micros(s.acquireP99()), micros(s.acquireMax()), s.checkouts(), s.timeouts(), s.leaks(), evictions,
                s.leasesByCaller(), settings);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    /** This report as one JSON object: {@code takenAt} as ISO-8601 text, then {@code pools}. */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * Reads a report printed by {@link #toJson()} (by this version or a later one: unknown fields are ignored).
     *
     * @throws IllegalArgumentException when the text is not such a report, with the parser's reason
     */
    public static PoolReport fromJson(String json) {
        try {
            return READER.readValue(json, PoolReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a pool report: " + e.getOriginalMessage(), e);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a pool report: takenAt is not an ISO-8601 instant", e);
        }
    }
}
