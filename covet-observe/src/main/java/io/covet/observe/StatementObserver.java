package io.covet.observe;

import io.covet.core.error.DataAccessException;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Outcome;
import io.covet.core.pipeline.Redaction;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.observe.internal.Callers;
import io.covet.observe.internal.SafeText;
import io.covet.observe.internal.ShapeEntry;
import io.covet.observe.internal.ShapeTable;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The interceptor observability installs in a database's pipeline. Per statement: one lookup of its shape (by
 * the exact text, the fingerprint only for a text not seen before), two clock readings, the shape's counters and
 * meters; a span when tracing is on; the slow-query log and the recent errors only when they apply.
 */
final class StatementObserver implements Interceptor {
    static final Logger SLOW_LOG = LoggerFactory.getLogger("io.covet.observe.slow");

    private final DatabaseObserver db;
    private final long slowNanos;
    private final long slowLogIntervalMillis;
    private final Redaction redaction;

    StatementObserver(DatabaseObserver db) {
        this.db = db;
        this.slowNanos = db.settings.slowQueryThreshold().toNanos();
        this.slowLogIntervalMillis = db.settings.slowLogInterval().toMillis();
        this.redaction = db.settings.showValues() ? (i, v) -> v : Redaction.masked();
    }

    @Override
    public <T> T intercept(Chain<T> chain) {
        Hub hub = db.hub;
        if (hub.closed) {
            return chain.proceed();
        }
        StatementContext ctx = chain.context();
        db.engine(ctx.engine());
        ShapeEntry entry = db.table.lookup(ctx);
        NPlusOne nPlusOne = hub.nPlusOne();
        if (db.settings.nPlusOne() != NPlusOneMode.OFF) {
            nPlusOne.statement(db, ctx);
        }
        ShapeMeters meters = ShapeMeters.of(db, entry, ctx);
        Tracing tracing = db.settings.tracing() ? hub.tracing() : null;
        Span span = tracing == null ? null : tracing.statementSpan(db, ctx, entry, meters);
        Scope scope = span == null ? null : span.makeCurrent();
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            return chain.proceed();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            long nanos = System.nanoTime() - start;
            if (scope != null) {
                scope.close();
            }
            Optional<Outcome> outcome = chain.outcome();
            long rows = outcome.isPresent() ? outcome.get().rowCount() : -1;
            record(ctx, entry, meters, nanos, rows, failure);
            if (span != null) {
                tracing.end(span, rows, failure);
            }
        }
    }

    private void record(StatementContext ctx, ShapeEntry entry, ShapeMeters meters, long nanos, long rows,
                        Throwable failure) {
        long now = System.currentTimeMillis();
        entry.record(nanos / 1000, rows, failure != null, now);
        db.statements.increment();
        boolean query = ctx.kind() == StatementKind.QUERY || ctx.kind() == StatementKind.STREAM;
        meters.record(nanos, rows, query, failure);
        if (failure != null) {
            db.failures.increment();
            db.errors.add(new RecentError(db.name, fingerprint(ctx, entry), text(ctx, entry), operation(ctx, entry),
                    ctx.tables(), ShapeMeters.errorType(failure),
                    failure instanceof DataAccessException d ? d.sqlState().orElse("") : "", nanos / 1e6,
                    Instant.ofEpochMilli(now)));
        }
        if (slowNanos > 0 && nanos >= slowNanos) {
            meters.slow();
            slow(ctx, entry, nanos, rows, now);
        }
    }

    private void slow(StatementContext ctx, ShapeEntry entry, long nanos, long rows, long now) {
        List<String> params = new ArrayList<>();
        for (Object v : ctx.parameters(redaction)) {
            params.add(String.valueOf(v));
        }
        String caller = Callers.find();
        Optional<String> plan = db.settings.explainSlow() ? Explainer.plan(db, ctx, redaction) : Optional.empty();
        SlowQuery q = new SlowQuery(db.name, fingerprint(ctx, entry), text(ctx, entry), operation(ctx, entry),
                ctx.tables(),
                nanos / 1e6, rows, caller, params, plan, Instant.ofEpochMilli(now));
        db.slow.add(q);
        long skipped = entry.mayLog(now, slowLogIntervalMillis);
        if (skipped >= 0 && SLOW_LOG.isWarnEnabled()) {
            SLOW_LOG.warn("slow query on database '{}': {} ms, {} rows, shape {}, caller {}: {} with parameters {}{}{}",
                    q.database(), String.format(java.util.Locale.ROOT, "%.1f", q.durationMillis()), rows,
                    q.fingerprint(), caller, q.sql(), params,
                    skipped > 0 ? " (" + skipped + " more of this shape not logged)" : "",
                    plan.map(p -> "\nplan:\n" + p).orElse(""));
        }
    }

    /** The fingerprint of the statement, also for one folded into {@code other}. */
    static String fingerprint(StatementContext ctx, ShapeEntry entry) {
        return entry.fingerprint.equals(ShapeTable.OTHER) ? ctx.fingerprint() : entry.fingerprint;
    }

    /** The operation's name; asked of the statement for one folded into {@code other}. */
    static String operation(StatementContext ctx, ShapeEntry entry) {
        return entry.fingerprint.equals(ShapeTable.OTHER) ? ctx.operation().name() : entry.operation;
    }

    /** Safe text of the statement: the shape's sample, or for {@code other} its own safe text. */
    static String text(StatementContext ctx, ShapeEntry entry) {
        return entry.fingerprint.equals(ShapeTable.OTHER) ? SafeText.of(ctx.sql()) : entry.sql;
    }
}
