package io.covet.observe.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.observe.Observability;
import io.covet.core.DatabaseConfig;
import io.covet.core.replica.ReplicaConfig;
import io.covet.testing.EngineSource;
import io.covet.testing.ReplicaPair;
import io.covet.testing.ReplicaSource;
import io.covet.testing.Scratch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus scrapes the endpoint while a workload runs on every engine. Then: the Covet series exist with
 * their labels for each engine, Prometheus loaded every shipped alert rule without an evaluation error, and every
 * PromQL expression of every shipped Grafana panel and alert rule returns data — the proof that the dashboards
 * and alerts match the metrics Covet emits (Grafana itself is not installable here).
 */
class PrometheusScrapeTest {

    @Test
    void everyShippedPanelAndAlertQueryReturnsDataFromARealScrape() throws Exception {
        List<Engine> engines = EngineSource.selected();
        List<Scratch> scratches = new ArrayList<>();
        List<ReplicaPair> pairs = new ArrayList<>();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (Observability obs = Observability.builder().meterRegistry(registry)
                .slowQueryThreshold(Duration.ofNanos(1)).slowLogInterval(Duration.ofHours(1)).build();
             ObserveServer server = ObserveServer.builder(obs).port(0).start()) {
            List<Database> dbs = new ArrayList<>();
            for (Engine e : engines) {
                Scratch s = Scratch.on(e);
                scratches.add(s);
                dbs.add(Workload.openAndRun(obs, s, e.scheme()));
            }
            // A database with a replica on each engine that has one feeds covet_replica_lag_seconds.
            for (Engine e : ReplicaSource.selected()) {
                ReplicaPair pair = ReplicaPair.on(e);
                pairs.add(pair);
                obs.open(DatabaseConfig.builder(e.scheme() + "_replicated", pair.primaryUrl()).meterRegistry(registry)
                        .maxPoolSize(2).replicas(ReplicaConfig.builder().replica(pair.replicaUrl())
                                .lagCheckInterval(Duration.ofMillis(200)).build()).build());
            }
            // The workload goes on while Prometheus scrapes, so that every rate() has something to show.
            Thread load = new Thread(() -> {
                try {
                    for (int round = 1; !stop.get(); round++) {
                        for (Database db : dbs) {
                            Workload.run(db, null, round);
                        }
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "workload");
            load.start();
            try {
                scrapeAndCheck(server, engines, ReplicaSource.selected(), failed);
            } finally {
                stop.set(true);
                load.join(120_000);
            }
        } finally {
            for (Scratch s : scratches) {
                s.close();
            }
            for (ReplicaPair p : pairs) {
                p.close();
            }
        }
        assertThat(failed.get()).as("the workload").isNull();
    }

    private static void scrapeAndCheck(ObserveServer server, List<Engine> engines, List<Engine> replicated,
                                       AtomicReference<Throwable> failed) throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(server.port(), ShippedQueries.alertRules())) {
            prometheus.awaitScrapes(2);
            assertThat(failed.get()).as("the workload").isNull();

            for (Engine e : engines) {
                String db = e.scheme();
                assertSeries(prometheus, "db_client_operation_duration_seconds_count{covet_database=\"" + db
                        + "\",db_system_name=\"" + db + "\",db_operation_name=\"SELECT\","
                        + "db_collection_name=\"obs_item\",error_type=\"none\",covet_shape=~\"[0-9a-f]+\"}");
                assertSeries(prometheus, "db_client_operation_duration_seconds_bucket{covet_database=\"" + db
                        + "\",db_operation_name=\"INSERT\",error_type=\"UniqueViolation\",le=\"+Inf\"}");
                assertSeries(prometheus, "covet_db_client_errors_total{covet_database=\"" + db
                        + "\",db_system_name=\"" + db + "\",error_type=\"UniqueViolation\","
                        + "db_collection_name=\"obs_item\",db_operation_name=\"INSERT\"}");
                assertSeries(prometheus, "db_client_response_returned_rows_sum{covet_database=\"" + db + "\"}");
                assertSeries(prometheus, "hikaricp_connections_max{pool=\"covet-" + db + "\"}");
                assertSeries(prometheus, "covet_tx_long_total{db=\"" + db + "\",block=\"held-open\"}");
                assertSeries(prometheus, "covet_tx_retries_total{db=\"" + db + "\",block=\"retried\"}");
                assertSeries(prometheus, "covet_tx_open_oldest_seconds{covet_database=\"" + db + "\"}");
                assertSeries(prometheus, "covet_resilience_breaker_state{covet_database=\"" + db
                        + "\",state=\"closed\"}");
                assertSeries(prometheus, "covet_orm_n_plus_one_total{covet_database=\"" + db
                        + "\",model=\"Item\",relation=\"detail\"}");
            }

            for (Engine e : replicated) {
                assertSeries(prometheus, "covet_replica_lag_seconds{covet_database=\"" + e.scheme() + "_replicated\","
                        + "replica=~\"127.0.0.1:[0-9]+\"}");
            }

            int loaded = 0;
            for (JsonNode g : prometheus.rules()) {
                for (JsonNode r : g.path("rules")) {
                    loaded++;
                    assertThat(r.path("health").asText()).as("rule %s: %s", r.path("name").asText(),
                            r.path("lastError").asText()).isIn("ok", "unknown");
                }
            }
            assertThat(loaded).as("rules Prometheus loaded").isEqualTo(ShippedQueries.alertCount());

            List<ShippedQueries.Query> queries = new ArrayList<>(ShippedQueries.dashboardQueries());
            queries.addAll(ShippedQueries.alertSignals());
            if (replicated.isEmpty()) {
                // no engine with a replica in this run (e.g. COVET_TEST_ENGINES=sqlite): nothing feeds these
                queries.removeIf(q -> q.promql().contains("covet_replica_"));
            }
            assertThat(queries).hasSizeGreaterThan(40);
            List<String> empty = new ArrayList<>();
            for (ShippedQueries.Query q : queries) {
                if (!hasFiniteSample(prometheus.query(q.promql()))) {
                    empty.add(q.source() + ": " + q.promql());
                }
            }
            assertThat(empty).as("shipped queries that returned no data").isEmpty();

            for (ShippedQueries.Query q : ShippedQueries.placeholderSignals()) {
                assertThat(prometheus.query(q.promql())).as("%s now has data: move its rule out of the "
                        + "placeholder group so that it is checked like the others", q.source()).isEmpty();
            }
        }
    }

    private static void assertSeries(PrometheusServer prometheus, String selector) throws Exception {
        String metric = selector.substring(0, selector.indexOf('{'));
        assertThat(prometheus.query(selector)).as("series %s; the scrape has %s", selector,
                prometheus.query(metric)).isNotEmpty();
    }

    /** At least one series with a number (not NaN): the query matched real data. */
    private static boolean hasFiniteSample(JsonNode result) {
        for (JsonNode r : result) {
            String v = r.path("value").get(1).asText();
            if (!v.equals("NaN") && !v.endsWith("Inf")) {
                return true;
            }
        }
        return false;
    }
}
