package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The state behind one {@link Observability}: its databases, registry, tracer and N+1 detector. */
final class Hub {
    private final MeterRegistry registry;
    private final Tracing tracing;
    private final List<HealthContributor> contributors;
    private final Map<String, DatabaseObserver> observers = new LinkedHashMap<>();
    private final NPlusOne nPlusOne = new NPlusOne();
    volatile boolean closed;

    Hub(MeterRegistry registry, OpenTelemetry openTelemetry, List<HealthContributor> contributors) {
        this.registry = registry;
        this.tracing = openTelemetry == null ? null : new Tracing(openTelemetry);
        this.contributors = List.copyOf(contributors);
    }

    MeterRegistry registry() {
        return registry;
    }

    Tracing tracing() {
        return tracing;
    }

    NPlusOne nPlusOne() {
        return nPlusOne;
    }

    synchronized DatabaseConfig instrument(DatabaseConfig config, Settings settings) {
        if (closed) {
            throw new IllegalStateException("this Observability is closed");
        }
        if (observers.containsKey(config.name())) {
            throw new IllegalStateException("database '" + config.name() + "' is already instrumented by this "
                    + "Observability; give each database its own name");
        }
        DatabaseObserver o = new DatabaseObserver(this, config, settings);
        contributors.forEach(o::addContributor);
        DatabaseConfig.Builder b = config.toBuilder()
                .interceptor(o.interceptor)
                .transactionListener(o.transactions);
        if (settings.sqlCommenter()) {
            b.interceptor(TraceComments.interceptor(this));
        }
        if (config.dataSource().isEmpty()) {
            b.poolMetrics(registry);
        }
        if (config.meterRegistry().isEmpty()) {
            // core's transaction counters (covet.tx.*) go where everything else does unless told otherwise
            b.meterRegistry(registry);
        }
        DatabaseConfig instrumented = b.build();
        observers.put(config.name(), o);
        Gauge.builder("covet.observe.shapes", o, x -> x.table.size())
                .description("Statement shapes tracked one by one (the rest are counted as 'other')")
                .tag("covet.database", config.name()).register(registry);
        Gauge.builder("covet.tx.open", o, x -> x.open.size())
                .description("Transaction blocks open now (outermost blocks; a retry is the same block)")
                .tag("covet.database", config.name()).register(registry);
        Gauge.builder("covet.tx.open.oldest", o, DatabaseObserver::oldestOpenSeconds).baseUnit("seconds")
                .description("How long the oldest transaction block open now has been open; 0 when none is")
                .tag("covet.database", config.name()).register(registry);
        return instrumented;
    }

    synchronized void attach(Database db, boolean owns) {
        DatabaseObserver o = observers.get(db.name());
        if (o == null || !db.interceptors().contains(o.interceptor)) {
            throw new IllegalArgumentException("database '" + db.name() + "' was not opened from a configuration "
                    + "instrumented by this Observability: open it with Observability.open(config) or from "
                    + "instrument(config)");
        }
        o.attach(db, owns);
    }

    synchronized List<String> names() {
        return List.copyOf(observers.keySet());
    }

    synchronized Optional<Database> database(String name) {
        DatabaseObserver o = observers.get(name);
        return o == null ? Optional.empty() : o.attached();
    }

    synchronized DatabaseObserver observer(String name) {
        DatabaseObserver o = observers.get(name);
        if (o == null) {
            throw new IllegalArgumentException("no database '" + name + "' is instrumented; instrumented: "
                    + observers.keySet());
        }
        return o;
    }

    Health health(String name) {
        return HealthProbe.check(observer(name));
    }

    List<SlowQuery> slowQueries() {
        List<SlowQuery> all = new ArrayList<>();
        for (DatabaseObserver o : all()) {
            all.addAll(o.slow.newestFirst());
        }
        all.sort(Comparator.comparing(SlowQuery::at).reversed());
        return List.copyOf(all);
    }

    List<RecentError> recentErrors() {
        List<RecentError> all = new ArrayList<>();
        for (DatabaseObserver o : all()) {
            all.addAll(o.errors.newestFirst());
        }
        all.sort(Comparator.comparing(RecentError::at).reversed());
        return List.copyOf(all);
    }

    private synchronized List<DatabaseObserver> all() {
        return List.copyOf(observers.values());
    }

    ObservabilitySnapshot snapshot(int shapes) {
        List<ObservabilitySnapshot.DatabaseSnapshot> dbs = new ArrayList<>();
        long now = System.nanoTime();
        for (DatabaseObserver o : all()) {
            Health health = o.attached().isPresent() ? HealthProbe.check(o) : null;
            List<ObservabilitySnapshot.OpenTransaction> open = new ArrayList<>();
            for (TxObserver.Open t : o.open.keySet()) {
                open.add(t.view(now));
            }
            open.sort(Comparator.comparingDouble(ObservabilitySnapshot.OpenTransaction::openMillis).reversed());
            dbs.add(new ObservabilitySnapshot.DatabaseSnapshot(o.name, o.system(), health, o.statements.sum(),
                    o.failures.sum(), o.top(ShapeSort.TOTAL, shapes), o.slow.newestFirst(), o.errors.newestFirst(),
                    open));
        }
        return new ObservabilitySnapshot(Instant.now(), dbs);
    }

    void close() {
        List<DatabaseObserver> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(observers.values());
        }
        for (DatabaseObserver o : all) {
            o.close();
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        all.forEach(o -> names.add(o.name));
        for (Meter m : List.copyOf(registry.getMeters())) {
            String n = m.getId().getName();
            boolean ours = n.startsWith("db.client.") || n.startsWith("covet.db.client.") || n.equals(NPlusOne.METRIC)
                    || n.equals("covet.observe.shapes") || n.startsWith("covet.tx.open") || n.startsWith("covet.resilience.");
            if (ours && names.contains(m.getId().getTag("covet.database"))) {
                registry.remove(m);
            }
        }
    }
}
