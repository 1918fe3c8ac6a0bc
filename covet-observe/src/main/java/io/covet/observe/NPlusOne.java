package io.covet.observe;

import io.covet.core.pipeline.LazyLoad;
import io.covet.core.pipeline.StatementContext;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * N+1 detection: counts the lazy loads (statements marked with {@link LazyLoad} by the ORM) of each relation per
 * unit of work on each thread, and reports the relation whose count reaches the threshold: a warning once per unit
 * and relation, the {@code covet.orm.n_plus_one} counter, and in strict mode {@link NPlusOneDetected} thrown
 * before the load runs. The unit of work is the innermost one open on the thread: one opened with
 * {@link Observability#unitOfWork}, else the outermost transaction block, else the current run of lazy loads
 * (ended by any statement that is not a lazy load).
 */
final class NPlusOne {
    static final Logger LOG = LoggerFactory.getLogger("io.covet.observe.nplusone");
    static final String METRIC = "covet.orm.n_plus_one";

    private final ThreadLocal<Deque<Unit>> units = ThreadLocal.withInitial(ArrayDeque::new);
    private final ThreadLocal<Unit> run = ThreadLocal.withInitial(() -> new Unit("lazy loads"));

    /** The lazy loads counted in one unit of work. */
    static final class Unit {
        final String name;
        final Map<String, Integer> loads = new HashMap<>();

        Unit(String name) {
            this.name = name;
        }
    }

    Observability.UnitOfWork open(String name) {
        Deque<Unit> stack = units.get();
        Unit u = new Unit(name);
        stack.push(u);
        Thread owner = Thread.currentThread();
        return () -> {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("unit of work '" + name + "' must be closed on the thread that "
                        + "opened it (" + owner.getName() + ")");
            }
            stack.remove(u);
        };
    }

    /** A transaction block began: it is a unit of its own unless one is open already. Returns it, or null. */
    Unit transactionStarted(String block) {
        Deque<Unit> stack = units.get();
        if (!stack.isEmpty()) {
            return null;
        }
        Unit u = new Unit("transaction '" + block + "'");
        stack.push(u);
        return u;
    }

    void transactionEnded(Unit u) {
        if (u != null) {
            units.get().remove(u);
        }
    }

    /** Counts a statement; throws {@link NPlusOneDetected} in strict mode when it crosses the threshold. */
    void statement(DatabaseObserver db, StatementContext ctx) {
        LazyLoad load = ctx.lazyLoad().orElse(null);
        Deque<Unit> stack = units.get();
        if (load == null) {
            if (stack.isEmpty()) {
                Unit r = run.get();
                if (!r.loads.isEmpty()) {
                    r.loads.clear();
                }
            }
            return;
        }
        Unit u = stack.isEmpty() ? run.get() : stack.peek();
        String key = load.model() + "." + load.relation();
        int n = u.loads.merge(key, 1, Integer::sum);
        if (n != db.settings.nPlusOneThreshold()) {
            return;
        }
        Counter.builder(METRIC).description("Relations lazily loaded once per row in one unit of work (N+1 queries)")
                .tag("covet.database", db.name).tag("model", load.model()).tag("relation", load.relation())
                .register(db.registry()).increment();
        String message = NPlusOneDetected.message(load, n) + " (in " + u.name
                + ", database '" + db.name + "', shape " + ctx.fingerprint() + ")";
        LOG.warn(message);
        if (db.settings.nPlusOne() == NPlusOneMode.STRICT) {
            throw new NPlusOneDetected(load.model(), load.relation(), load.toMany(), n, message);
        }
    }
}
