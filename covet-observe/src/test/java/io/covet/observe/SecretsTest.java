package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.error.UniqueViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No password and no bound value leaves through observability: after a workload binding a distinctive secret (in
 * writes, reads, a duplicate-key error whose driver message quotes it, a slow query with its plan) on a database
 * whose URL carries a distinctive password, the Prometheus scrape, the spans, the logs and the snapshot JSON are
 * searched for both.
 */
class SecretsTest {
    private static final String VALUE = "Sekr1t-Bound-Value-8813";
    private static final String PASSWORD = "Pw-In-Url-7741x";
    private static final String USER = "obs_secret_" + ProcessHandle.current().pid();

    @AllEngines
    void neitherTheBoundSecretNorThePasswordAppearsAnywhere(Scratch s) throws Exception {
        String url = withSecretUser(s);
        try {
            workload(url);
        } finally {
            dropSecretUser(s);
        }
    }

    private static void workload(String url) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
             LogCapture log = new LogCapture();
             Observability obs = Observability.builder().meterRegistry(registry).tracing(otel).sqlCommenter(true)
                     .slowQueryThreshold(Duration.ofNanos(1)).explainSlowQueries(true).build()) {
            Database db = obs.open(DatabaseConfig.builder("vault", url).meterRegistry(registry).build());
            db.sql("CREATE TABLE account (id INTEGER PRIMARY KEY, token VARCHAR(60) NOT NULL UNIQUE)").execute();
            db.atomicRun(tx -> db.sql("INSERT INTO account (id, token) VALUES (?, ?)", 1, VALUE)
                    .tables(List.of("account")).execute());
            assertThat(db.sql("SELECT id FROM account WHERE token = ?", VALUE).tables(List.of("account")).list())
                    .hasSize(1);
            assertThatThrownBy(() -> db.sql("INSERT INTO account (id, token) VALUES (?, ?)", 2, VALUE)
                    .tables(List.of("account")).execute()).isInstanceOf(UniqueViolation.class);
            db.sql("UPDATE account SET token = ? WHERE token = ?", VALUE + "-2", VALUE).execute();

            String json = obs.snapshot().toJson();
            String scrape = registry.scrape();
            assertThat(json).contains("\"vault\"").contains("UniqueViolation");
            assertThat(scrape).contains("db_client_operation_duration_seconds_bucket{")
                    .contains("covet_db_client_errors_total").contains("covet_db_client_shape_duration_seconds{")
                    .contains("hikaricp_connections_active{");
            assertThat(spans.getFinishedSpanItems()).isNotEmpty();
            assertThat(obs.slowQueries()).isNotEmpty();
            for (String secret : List.of(VALUE, PASSWORD)) {
                assertThat(json).doesNotContain(secret);
                assertThat(scrape).doesNotContain(secret);
                assertThat(log.text()).doesNotContain(secret);
                spans.getFinishedSpanItems().forEach(d -> assertThat(d.toString()).doesNotContain(secret));
                obs.slowQueries().forEach(q -> assertThat(q.toString()).doesNotContain(secret));
                obs.recentErrors().forEach(e -> assertThat(e.toString()).doesNotContain(secret));
                obs.health().forEach(h -> assertThat(h.toString()).doesNotContain(secret));
            }
        }
    }

    /** The scratch database's URL with a user of its own whose password is {@link #PASSWORD} (servers only). */
    private static String withSecretUser(Scratch s) throws Exception {
        if (s.engine() == Engine.SQLITE) {
            return s.url(); // a file has no password: the bound value is the secret here
        }
        DatabaseUrl real = DatabaseUrl.parse(s.url());
        String user = USER;
        try (Connection c = s.rawConnection(); Statement st = c.createStatement()) {
            if (s.engine() == Engine.POSTGRESQL) {
                String schema = s.url().substring(s.url().indexOf("currentSchema=") + "currentSchema=".length());
                st.execute("DROP ROLE IF EXISTS " + user);
                st.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + PASSWORD + "'");
                st.execute("GRANT ALL ON SCHEMA " + schema + " TO " + user);
                st.execute("GRANT CONNECT ON DATABASE " + real.database() + " TO " + user);
            } else {
                st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                st.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
                st.execute("GRANT ALL ON " + real.database() + ".* TO '" + user + "'@'%'");
            }
        }
        return s.url().replace(real.user().orElseThrow() + ":" + real.password().orElseThrow() + "@",
                user + ":" + PASSWORD + "@");
    }

    private static void dropSecretUser(Scratch s) throws Exception {
        if (s.engine() == Engine.SQLITE) {
            return;
        }
        try (Connection c = s.rawConnection(); Statement st = c.createStatement()) {
            if (s.engine() == Engine.POSTGRESQL) {
                st.execute("DROP OWNED BY " + USER + " CASCADE");
                st.execute("DROP ROLE IF EXISTS " + USER);
            } else {
                st.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            }
        }
    }
}
