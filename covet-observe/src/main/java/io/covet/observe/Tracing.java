package io.covet.observe;

import io.covet.core.pipeline.StatementContext;
import io.covet.observe.internal.ShapeEntry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import java.time.Duration;
import java.util.List;

/**
 * Spans through the OpenTelemetry API, named and attributed after the database semantic conventions: a client
 * span per statement, a span per outermost transaction block with its retries as events. Spans are children of
 * the caller's current context. The statement text is the parameterised text (literals of hand-written SQL
 * replaced by {@code ?}); bound values are never attributes.
 */
final class Tracing {
    static final String SCOPE = "io.covet.observe";
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<Long> DB_RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> COVET_DATABASE = AttributeKey.stringKey("covet.database");
    static final AttributeKey<String> COVET_SHAPE = AttributeKey.stringKey("covet.shape");
    static final AttributeKey<String> COVET_TX_NAME = AttributeKey.stringKey("covet.transaction.name");
    static final AttributeKey<Long> COVET_TX_ATTEMPT = AttributeKey.longKey("covet.transaction.attempt");
    static final AttributeKey<Long> COVET_TX_PAUSE = AttributeKey.longKey("covet.transaction.pause_ms");

    private final Tracer tracer;

    Tracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
    }

    /** The name and attributes of a shape's spans, the same for all its statements. */
    record ShapeSpan(String name, Attributes attributes) {
    }

    Span statementSpan(DatabaseObserver db, StatementContext ctx, ShapeEntry entry, ShapeMeters meters) {
        ShapeSpan shape = entry.fingerprint.equals(io.covet.observe.internal.ShapeTable.OTHER) ? null : meters.span;
        if (shape == null) {
            shape = shapeSpan(db, ctx, entry);
            if (!entry.fingerprint.equals(io.covet.observe.internal.ShapeTable.OTHER)) {
                meters.span = shape;
            }
        }
        return tracer.spanBuilder(shape.name).setSpanKind(SpanKind.CLIENT).setAllAttributes(shape.attributes)
                .startSpan();
    }

    private static ShapeSpan shapeSpan(DatabaseObserver db, StatementContext ctx, ShapeEntry entry) {
        List<String> tables = ctx.tables();
        String op = StatementObserver.operation(ctx, entry);
        var b = Attributes.builder()
                .put(DB_SYSTEM, db.system())
                .put(DB_NAMESPACE, db.namespace())
                .put(DB_OPERATION, op)
                .put(DB_QUERY_TEXT, StatementObserver.text(ctx, entry))
                .put(COVET_DATABASE, db.name)
                .put(COVET_SHAPE, StatementObserver.fingerprint(ctx, entry));
        if (!tables.isEmpty()) {
            b.put(DB_COLLECTION, tables.size() == 1 ? tables.get(0) : String.join(",", tables));
        }
        db.serverAddress().ifPresent(a -> b.put(SERVER_ADDRESS, a));
        if (db.serverPort() > 0) {
            b.put(SERVER_PORT, (long) db.serverPort());
        }
        return new ShapeSpan(tables.isEmpty() ? op + " " + db.namespace() : op + " " + tables.get(0), b.build());
    }

    void end(Span span, long rows, Throwable failure) {
        if (rows >= 0) {
            span.setAttribute(DB_RETURNED_ROWS, rows);
        }
        if (failure != null) {
            span.setAttribute(ERROR_TYPE, ShapeMeters.errorType(failure));
            // The exception's message may quote a bound value (a duplicate key): only its class is recorded.
            span.setStatus(StatusCode.ERROR, ShapeMeters.errorType(failure));
        }
        span.end();
    }

    Span transactionSpan(DatabaseObserver db, String block) {
        SpanBuilder b = tracer.spanBuilder("transaction " + block)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(DB_SYSTEM, db.system())
                .setAttribute(DB_NAMESPACE, db.namespace())
                .setAttribute(COVET_DATABASE, db.name)
                .setAttribute(COVET_TX_NAME, block);
        return b.startSpan();
    }

    static void retry(Span span, int attempt, Throwable failure, Duration pause) {
        span.addEvent("retry", Attributes.of(COVET_TX_ATTEMPT, (long) attempt, ERROR_TYPE,
                ShapeMeters.errorType(failure), COVET_TX_PAUSE, pause.toMillis()));
    }

    static void endTransaction(Span span, int attempts, boolean committed, Throwable failure) {
        span.setAttribute(COVET_TX_ATTEMPT, (long) attempts);
        span.setAttribute("covet.transaction.committed", committed);
        if (failure != null) {
            span.setAttribute(ERROR_TYPE, ShapeMeters.errorType(failure));
            span.setStatus(StatusCode.ERROR, ShapeMeters.errorType(failure));
        }
        span.end();
    }
}
