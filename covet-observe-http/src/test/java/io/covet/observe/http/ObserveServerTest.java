package io.covet.observe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.observe.Observability;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObserveServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Http get(URI base, String path) throws IOException {
        return Http.get(base.resolve(path));
    }

    @AllEngines
    void servesMetricsHealthStatsAndThePage(Scratch s) throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Observability obs = Observability.builder().meterRegistry(prometheus)
                .slowQueryThreshold(Duration.ofNanos(1)).build()) {
            Workload.openAndRun(obs, s, "shop");
            try (ObserveServer server = ObserveServer.builder(obs).port(0).start()) {
                assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");

                Http metrics = get(server.uri(), "/metrics");
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
                Files.writeString(Tools.target().resolve("metrics-" + s.engine().scheme() + ".txt"), metrics.body());
                assertThat(metrics.body())
                        .contains("db_client_operation_duration_seconds_bucket{")
                        .contains("covet_database=\"shop\"")
                        .contains("db_system_name=\"" + s.engine().scheme() + "\"")
                        .contains("db_collection_name=\"obs_item\"")
                        .contains("error_type=\"UniqueViolation\"")
                        .contains("hikaricp_connections_active{pool=\"covet-shop\"}")
                        .contains("covet_tx_long_total{")
                        .doesNotContain(Workload.SECRET).doesNotContain("SELECT name");

                Http live = get(server.uri(), "/health/live");
                assertThat(live.status()).isEqualTo(200);
                assertThat(JSON.readTree(live.body()).path("databases").get(0).path("status").asText()).isEqualTo("UP");
                Http ready = get(server.uri(), "/health/ready");
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);

                Http stats = get(server.uri(), "/stats.json");
                assertThat(stats.status()).isEqualTo(200);
                JsonNode db = JSON.readTree(stats.body()).path("databases").get(0);
                assertThat(db.path("name").asText()).isEqualTo("shop");
                assertThat(db.path("engine").asText()).isEqualTo(s.engine().scheme());
                assertThat(db.path("health").path("status").asText()).isEqualTo("UP");
                assertThat(db.path("statements").asLong()).isGreaterThanOrEqualTo(53);
                assertThat(db.path("errors").asLong()).isEqualTo(1);
                assertThat(db.path("trackedShapes").asInt()).isGreaterThanOrEqualTo(4);
                JsonNode byKey = null;
                for (JsonNode shape : db.path("shapes")) {
                    if (shape.path("sql").asText().startsWith("SELECT name, price FROM obs_item WHERE id = ?")) {
                        byKey = shape;
                    }
                }
                assertThat(byKey).as("the read-by-key shape in %s", stats.body()).isNotNull();
                assertThat(byKey.path("calls").asLong()).isEqualTo(30);
                assertThat(byKey.path("p50Millis").asDouble()).isPositive();
                assertThat(byKey.path("p99Millis").asDouble()).isGreaterThanOrEqualTo(byKey.path("p50Millis").asDouble());
                assertThat(db.path("recentErrors").get(0).path("errorType").asText()).isEqualTo("UniqueViolation");
                assertThat(db.path("slowQueries").size()).isPositive();
                assertThat(stats.body()).doesNotContain(Workload.SECRET);

                Http page = get(server.uri(), "/");
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
                assertThat(page.body()).contains("<title>Covet status</title>").contains("stats.json");

                assertThat(get(server.uri(), "/nope").status()).isEqualTo(404);
                Http post = Http.send("POST", server.uri().resolve("/metrics"));
                assertThat(post.status()).isEqualTo(405);
            }
        }
    }

    @Test
    void anUnattachedDatabaseIsShownDownAndMakesItNotReadyButStillLive() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean down = new AtomicBoolean(true);
        DatabaseStatus status = new DatabaseStatus() {
            public String name() {
                return "orders";
            }

            public String engine() {
                return "postgresql";
            }

            public boolean down() {
                return down.get();
            }

            public String reason() {
                return "cannot connect to 127.0.0.1:1";
            }
        };
        try (Observability obs = Observability.builder().meterRegistry(prometheus).build();
             ObserveServer server = ObserveServer.builder(obs).port(0).unattached(status).start()) {
            Http ready = get(server.uri(), "/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("cannot connect to 127.0.0.1:1");
            assertThat(get(server.uri(), "/health/live").status()).isEqualTo(200);
            JsonNode db = JSON.readTree(get(server.uri(), "/stats.json").body()).path("databases").get(0);
            assertThat(db.path("name").asText()).isEqualTo("orders");
            assertThat(db.path("health").path("status").asText()).isEqualTo("DOWN");
            down.set(false);
            assertThat(get(server.uri(), "/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsRefusedNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Observability obs = Observability.builder()
                     .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build()) {
            assertThatThrownBy(() -> ObserveServer.builder(obs).port(taken.getLocalPort()).start())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use: stop what listens "
                            + "there or choose another port");
        }
    }

    @Test
    void aRegistryPrometheusCannotScrapeIsRefused() {
        try (Observability obs = Observability.builder().meterRegistry(new SimpleMeterRegistry()).build()) {
            assertThatThrownBy(() -> ObserveServer.builder(obs).port(0).start())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SimpleMeterRegistry, which /metrics cannot scrape");
            assertThatThrownBy(() -> ObserveServer.builder(obs).port(70000).start())
                    .hasMessage("port must be between 0 and 65535, was 70000");
        }
    }

    static Path target() {
        return Tools.target();
    }
}
