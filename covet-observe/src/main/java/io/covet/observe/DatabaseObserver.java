package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.resilience.BreakerState;
import io.covet.core.replica.ReplicaStatus;
import io.covet.core.replica.Replicas;
import io.covet.core.resilience.Resilience;
import io.covet.observe.internal.Ring;
import io.covet.observe.internal.ShapeEntry;
import io.covet.observe.internal.ShapeTable;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/** Everything observability keeps about one database; the {@link ShapeStats} of it. Thread-safe. */
final class DatabaseObserver implements ShapeStats {
    final String name;
    final Settings settings;
    final Hub hub;
    final ShapeTable table;
    final Ring<SlowQuery> slow;
    final Ring<RecentError> errors;
    final LongAdder statements = new LongAdder();
    final LongAdder failures = new LongAdder();
    final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();
    final ConcurrentHashMap<TxObserver.Open, TxObserver.Open> open = new ConcurrentHashMap<>();
    final java.util.Map<io.covet.core.pipeline.Operation, ShapeMeters> otherMeters = new ConcurrentHashMap<>();
    final StatementObserver interceptor;
    final TxObserver transactions;
    private final DatabaseConfig config;
    private volatile Engine engine;
    private final String namespace;
    private volatile Tags baseTags;
    private volatile Database database;
    private volatile boolean owned;

    DatabaseObserver(Hub hub, DatabaseConfig config, Settings settings) {
        this.hub = hub;
        this.name = config.name();
        this.config = config;
        this.settings = settings;
        this.table = new ShapeTable(settings.maxTaggedShapes(), settings.maxShapes());
        this.slow = new Ring<>(settings.recentCapacity());
        this.errors = new Ring<>(settings.recentCapacity());
        this.engine = config.url().map(DatabaseUrl::engine).orElse(null);
        this.namespace = computeNamespace();
        this.interceptor = new StatementObserver(this);
        this.transactions = new TxObserver(this);
    }

    MeterRegistry registry() {
        return hub.registry();
    }

    /** Age in seconds of the oldest transaction block open now, 0 when none is: the long-transaction gauge. */
    double oldestOpenSeconds() {
        long now = System.nanoTime();
        long oldest = 0;
        for (TxObserver.Open o : open.keySet()) {
            oldest = Math.max(oldest, now - o.startNanos);
        }
        return oldest / 1e9;
    }

    /** The engine, from the URL, else from the first statement or the attached database. */
    Engine engine(Engine seen) {
        Engine e = engine;
        if (e == null && seen != null) {
            engine = e = seen;
        }
        return e;
    }

    /** {@code db.system.name}: the engine's URL scheme ({@code postgresql}, {@code mariadb}, {@code sqlite}). */
    String system() {
        Engine e = engine;
        return e == null ? "other_sql" : e.scheme();
    }

    /** {@code db.system.name}, {@code db.namespace} and {@code covet.database}. */
    Tags baseTags() {
        Tags t = baseTags;
        if (t == null) {
            t = Tags.of("db.system.name", system(), "db.namespace", namespace(), "covet.database", name);
            baseTags = t;
        }
        return t;
    }

    /** The database name on the server (the file name for SQLite), or the Covet name for a caller's data source. */
    String namespace() {
        return namespace;
    }

    private String computeNamespace() {
        return config.url().map(u -> {
            String d = u.database();
            int slash = Math.max(d.lastIndexOf('/'), d.lastIndexOf('\\'));
            return slash >= 0 ? d.substring(slash + 1) : d;
        }).orElse(name);
    }

    /** {@code server.address}, when the database is a server. */
    Optional<String> serverAddress() {
        return config.url().flatMap(DatabaseUrl::host);
    }

    /** {@code server.port}, or -1. */
    int serverPort() {
        return config.url().map(DatabaseUrl::port).orElse(-1);
    }

    void attach(Database db, boolean owns) {
        this.database = db;
        this.owned = owns;
        engine(db.engine());
        db.resilience().ifPresent(this::resilienceMeters);
        db.replicas().ifPresent(this::replicaMeters);
    }

    /** Each replica's lag as the database's background check last measured it; NaN before the first measure. */
    private void replicaMeters(Replicas replicas) {
        MeterRegistry registry = registry();
        for (int i = 0; i < replicas.status().size(); i++) {
            int index = i;
            Gauge.builder("covet.replica.lag", replicas, r -> r.status().get(index).lag()
                            .map(l -> l.toNanos() / 1e9).orElse(Double.NaN))
                    .description("How far the replica is behind its primary (an upper bound), by the last check")
                    .baseUnit("seconds").tag("covet.database", name)
                    .tag("replica", replicas.status().get(i).name()).register(registry);
        }
        Gauge.builder("covet.replica.serving", replicas, r -> r.status().stream().filter(ReplicaStatus::serving).count())
                .description("Replicas serving reads now (up and within their maximum lag)")
                .tag("covet.database", name).register(registry);
        FunctionCounter.builder("covet.replica.primary.fallbacks", replicas, Replicas::primaryFallbacks)
                .description("Reads that could have gone to a replica but ran on the primary")
                .tag("covet.database", name).register(registry);
        FunctionCounter.builder("covet.replica.role.failures", replicas, Replicas::roleFailures)
                .description("Times a replica was found promoted to primary or writable, which took it out of the "
                        + "rotation")
                .tag("covet.database", name).register(registry);
    }

    /** The circuit breaker's state (one gauge per state, 1 for the current one) and its counters. */
    private void resilienceMeters(Resilience r) {
        MeterRegistry registry = registry();
        for (BreakerState state : BreakerState.values()) {
            Gauge.builder("covet.resilience.breaker.state", r,
                            x -> x.state() == state ? 1 : 0)
                    .description("1 for the circuit breaker's current state, 0 for the others")
                    .tag("covet.database", name).tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        counter(registry, "covet.resilience.breaker.opened", "Times the circuit breaker opened", r,
                Resilience::timesOpened);
        counter(registry, "covet.resilience.rejected", "Calls refused by an open breaker or a full bulkhead", r,
                Resilience::rejectedCalls);
        counter(registry, "covet.resilience.retries", "Statements run again after a transient failure", r,
                Resilience::retries);
        counter(registry, "covet.resilience.fallback.reads", "Reads served by the fallback (possibly stale)", r,
                Resilience::fallbackReads);
        Gauge.builder("covet.resilience.read_only", r, x -> x.readOnly() ? 1 : 0)
                .description("1 while the database refuses writes (read-only mode)")
                .tag("covet.database", name).register(registry);
    }

    private void counter(MeterRegistry registry, String metric, String description,
                         Resilience r,
                         ToLongFunction<Resilience> count) {
        FunctionCounter.builder(metric, r, x -> count.applyAsLong(x))
                .description(description).tag("covet.database", name).register(registry);
    }

    Optional<Database> attached() {
        return Optional.ofNullable(database);
    }

    void addContributor(HealthContributor c) {
        contributors.add(c);
    }

    ShapeStats shapes() {
        return this;
    }

    void close() {
        Database db = database;
        if (owned && db != null) {
            db.close();
        }
    }

    // ------------------------------------------------------------------ ShapeStats

    @Override
    public String database() {
        return name;
    }

    @Override
    public List<ShapeSnapshot> top(ShapeSort sort, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be zero or more, was " + limit);
        }
        List<ShapeSnapshot> all = new ArrayList<>();
        for (ShapeEntry e : table.entries()) {
            ShapeSnapshot s = snapshot(e);
            if (s.calls() > 0) {
                all.add(s);
            }
        }
        Comparator<ShapeSnapshot> by = switch (sort) {
            case P99 -> Comparator.comparingDouble(ShapeSnapshot::p99Millis);
            case TOTAL -> Comparator.comparingDouble(ShapeSnapshot::totalMillis);
            case CALLS -> Comparator.comparingLong(ShapeSnapshot::calls);
        };
        all.sort(by.reversed().thenComparing(ShapeSnapshot::fingerprint));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    @Override
    public Optional<ShapeSnapshot> get(String fingerprint) {
        ShapeEntry e = table.get(fingerprint);
        return e == null ? Optional.empty() : Optional.of(snapshot(e)).filter(s -> s.calls() > 0);
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public void reset() {
        table.reset();
    }

    private ShapeSnapshot snapshot(ShapeEntry e) {
        ShapeEntry.Reading r = e.read();
        return new ShapeSnapshot(name, e.fingerprint, e.sql, e.operation, e.tables, r.calls(), r.errors(), r.rows(),
                r.total() / 1000.0, r.min() / 1000.0, r.max() / 1000.0,
                r.calls() == 0 ? 0 : r.total() / 1000.0 / r.calls(), r.p50() / 1000.0, r.p95() / 1000.0,
                r.p99() / 1000.0, r.firstSeen() == 0 ? null : Instant.ofEpochMilli(r.firstSeen()),
                r.lastSeen() == 0 ? null : Instant.ofEpochMilli(r.lastSeen()));
    }
}
