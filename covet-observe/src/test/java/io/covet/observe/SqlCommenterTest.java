package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.Row;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQL commenter: with it on, the statement the server receives carries the statement span's traceparent,
 * seen by the server itself in {@code pg_stat_activity} (PostgreSQL) and the process list (MariaDB), and by the
 * driver for the embedded SQLite.
 */
class SqlCommenterTest {
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
    void theServerSeesTheTraceparentOfTheStatementSpan(Scratch s) throws Exception {
        try (Observability obs = Observability.builder().tracing(otel).sqlCommenter(true).build()) {
            if (s.engine() == Engine.SQLITE) {
                List<String> sent = new CopyOnWriteArrayList<>();
                String file = s.url().substring("sqlite:".length());
                Database db = obs.open(DatabaseConfig.builder("shop").dataSource(recording(file, sent)).build());
                db.sql("SELECT ? AS x", 1).list();
                SpanData span = exporter.getFinishedSpanItems().get(exporter.getFinishedSpanItems().size() - 1);
                assertThat(sent).anySatisfy(sql -> assertThat(sql).startsWith("SELECT ? AS x")
                        .endsWith("/*traceparent='00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                                + span.getSpanContext().getTraceFlags().asHex() + "'*/"));
                return;
            }
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            String self = s.engine() == Engine.POSTGRESQL
                    ? "SELECT query AS q FROM pg_stat_activity WHERE pid = pg_backend_pid()"
                    : "SELECT INFO AS q FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()";
            Span parent = otel.getTracer("test").spanBuilder("request").startSpan();
            List<Row> rows;
            try (Scope ignored = parent.makeCurrent()) {
                rows = db.sql(self).list();
            } finally {
                parent.end();
            }
            SpanData statement = exporter.getFinishedSpanItems().stream()
                    .filter(d -> !d.getName().equals("request")).findFirst().orElseThrow();
            String seen = rows.get(0).getString("q");
            assertThat(seen).contains("/*traceparent='00-" + parent.getSpanContext().getTraceId() + "-"
                    + statement.getSpanId() + "-" + statement.getSpanContext().getTraceFlags().asHex() + "'*/");
        }
    }

    @AllEngines
    void offByDefault(Scratch s) {
        if (s.engine() != Engine.POSTGRESQL) {
            return; // the server's own view of the statement is what shows it; PostgreSQL has it
        }
        try (Observability obs = Observability.builder().tracing(otel).build()) {
            Database db = obs.open(DatabaseConfig.builder("shop", s.url()).build());
            String seen = db.sql("SELECT query AS q FROM pg_stat_activity WHERE pid = pg_backend_pid()").list().get(0)
                    .getString("q");
            assertThat(seen).doesNotContain("traceparent");
        }
    }

    @Test
    void needsTracing() {
        assertThatThrownBy(() -> Observability.builder().sqlCommenter(true).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sqlCommenter needs tracing");
    }

    @Test
    void aTrailingSemicolonStaysLastAndALineCommentCannotSwallowTheComment() {
        Span span = otel.getTracer("t").spanBuilder("x").startSpan();
        String c = TraceComments.comment("SELECT 1 -- note\n;", span.getSpanContext());
        assertThat(c).startsWith("SELECT 1 -- note\n\n/*traceparent='00-");
        assertThat(c).doesNotContain(";");
        span.end();
    }

    /** A SQLite data source whose connections record the text of every statement prepared on them. */
    private static DataSource recording(String file, List<String> sent) {
        return (DataSource) Proxy.newProxyInstance(SqlCommenterTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "getConnection" -> {
                            Connection real = DriverManager.getConnection("jdbc:sqlite:" + file);
                            return Proxy.newProxyInstance(SqlCommenterTest.class.getClassLoader(),
                                    new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                                        if (cm.getName().startsWith("prepare") && cargs != null
                                                && cargs[0] instanceof String sql) {
                                            sent.add(sql);
                                        }
                                        try {
                                            return cm.invoke(real, cargs);
                                        } catch (InvocationTargetException e) {
                                            throw e.getCause();
                                        }
                                    });
                        }
                        case "getLogWriter" -> {
                            return (PrintWriter) null;
                        }
                        case "getParentLogger" -> {
                            return Logger.getGlobal();
                        }
                        case "isWrapperFor" -> {
                            return false;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(p);
                        }
                        case "equals" -> {
                            return p == args[0];
                        }
                        case "toString" -> {
                            return "recording SQLite data source";
                        }
                        default -> {
                            return null;
                        }
                    }
                });
    }
}
