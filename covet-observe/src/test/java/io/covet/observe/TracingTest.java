package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.error.UniqueViolation;
import io.covet.core.tx.RetryPolicy;
import io.covet.core.tx.TxOptions;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spans through the OpenTelemetry API, checked with the SDK's in-memory exporter on each engine. */
class TracingTest {
    private InMemorySpanExporter exporter;
    private OpenTelemetrySdk otel;

    @BeforeEach
    void sdk() {
        exporter = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    }

    @AfterEach
    void closeSdk() {
        otel.close();
    }

    @AllEngines
    void aClientSpanPerStatementChildOfTheCallersSpanWithParameterisedText(Scratch s) {
        try (Observability obs = Observability.builder().tracing(otel).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)").execute();
            Tracer tracer = otel.getTracer("test");
            Span parent = tracer.spanBuilder("request").startSpan();
            try (Scope ignored = parent.makeCurrent()) {
                db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 1, "secret-name-value").tables(List.of("item"))
                        .execute();
                db.sql("SELECT id, name FROM item WHERE name = ?", "secret-name-value").tables(List.of("item")).list();
            } finally {
                parent.end();
            }
            SpanData select = span("SELECT item");
            assertThat(select.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(select.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
            assertThat(select.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
            assertThat(attr(select, "db.query.text")).isEqualTo("SELECT id, name FROM item WHERE name = ?");
            assertThat(attr(select, "db.operation.name")).isEqualTo("SELECT");
            assertThat(attr(select, "db.collection.name")).isEqualTo("item");
            assertThat(attr(select, "db.system.name")).isEqualTo(s.engine().scheme());
            assertThat(attr(select, "covet.database")).isEqualTo("shop");
            assertThat(select.getAttributes().get(AttributeKey.longKey("db.response.returned_rows"))).isEqualTo(1L);
            if (s.engine() != Engine.SQLITE) { // an embedded engine has no server address
                DatabaseUrl url = DatabaseUrl.parse(s.url());
                assertThat(attr(select, "server.address")).isEqualTo(url.host().orElseThrow());
                assertThat(select.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) url.port());
            }
            SpanData insert = span("INSERT item");
            assertThat(insert.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
            for (SpanData d : exporter.getFinishedSpanItems()) {
                assertThat(d.getAttributes().toString()).doesNotContain("secret-name-value");
            }
        }
    }

    @AllEngines
    void aFailedStatementCarriesItsErrorTypeButNotItsMessage(Scratch s) {
        try (Observability obs = Observability.builder().tracing(otel).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)").execute();
            db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 1, "dup-value-7").tables(List.of("item")).execute();
            assertThatThrownBy(() -> db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 2, "dup-value-7")
                    .tables(List.of("item")).execute()).isInstanceOf(UniqueViolation.class);
            SpanData failed = exporter.getFinishedSpanItems().stream().filter(d -> d.getName().equals("INSERT item"))
                    .filter(d -> d.getStatus().getStatusCode() == StatusCode.ERROR).findFirst().orElseThrow();
            assertThat(attr(failed, "error.type")).isEqualTo("UniqueViolation");
            assertThat(failed.getStatus().getDescription()).isEqualTo("UniqueViolation");
            assertThat(failed.getEvents()).isEmpty();
            assertThat(failed.toString()).doesNotContain("dup-value-7");
        }
    }

    @AllEngines
    void anAtomicBlockIsOneSpanWithItsStatementsAsChildrenAndRetriesAsEvents(Scratch s) {
        try (Observability obs = Observability.builder().tracing(otel).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)").execute();
            db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 1, "taken").tables(List.of("item")).execute();
            exporter.reset();
            TxOptions options = TxOptions.builder().name("add-item").retry(RetryPolicy.builder()
                    .alsoRetryOn(e -> e instanceof UniqueViolation).initialBackoff(Duration.ofMillis(1)).build()).build();
            db.atomicRun(options, tx -> {
                // the first attempt collides with a real unique violation, the second one does not
                String name = tx.attempt() == 1 ? "taken" : "free";
                db.sql("INSERT INTO item (id, name) VALUES (?, ?)", 10 + tx.attempt(), name).tables(List.of("item"))
                        .execute();
            });
            SpanData block = span("transaction add-item");
            assertThat(block.getEvents()).hasSize(1);
            assertThat(block.getEvents().get(0).getName()).isEqualTo("retry");
            assertThat(block.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("error.type")))
                    .isEqualTo("UniqueViolation");
            assertThat(block.getAttributes().get(AttributeKey.longKey("covet.transaction.attempt"))).isEqualTo(2L);
            assertThat(block.getAttributes().get(AttributeKey.booleanKey("covet.transaction.committed"))).isTrue();
            List<SpanData> inserts = exporter.getFinishedSpanItems().stream()
                    .filter(d -> d.getName().equals("INSERT item")).toList();
            assertThat(inserts).hasSize(2);
            assertThat(inserts).allSatisfy(d -> {
                assertThat(d.getParentSpanId()).isEqualTo(block.getSpanId());
                assertThat(d.getTraceId()).isEqualTo(block.getTraceId());
            });
            assertThat(db.sql("SELECT name FROM item WHERE id = ?", 12).list()).hasSize(1);
        }
    }

    @AllEngines
    void tracingOffCreatesNoSpans(Scratch s) {
        try (Observability obs = Observability.builder().build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            db.sql("SELECT 1").list();
            db.atomicRun(tx -> db.sql("SELECT 2").list());
            assertThat(exporter.getFinishedSpanItems()).isEmpty();
            assertThat(obs.shapes("shop").size()).isPositive();
        }
    }

    private SpanData span(String name) {
        return exporter.getFinishedSpanItems().stream().filter(d -> d.getName().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no span '" + name + "' among "
                        + exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList()));
    }

    private static String attr(SpanData d, String key) {
        return d.getAttributes().get(AttributeKey.stringKey(key));
    }
}
