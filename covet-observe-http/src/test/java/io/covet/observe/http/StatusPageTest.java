package io.covet.observe.http;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.observe.Observability;
import io.covet.testing.EngineSource;
import io.covet.testing.Scratch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium loads the status page while a workload runs on every engine: the DOM its scripts
 * rendered shows each database UP, a non-zero query count and shapes with their percentiles; a screenshot is saved
 * as {@code target/status-page.png}.
 */
class StatusPageTest {
    private static final Pattern QUERIES = Pattern.compile("id=\"total-queries\">([0-9,]+)<");
    private static final Pattern SHAPE = Pattern.compile(
            "<tr class=\"shape\" data-shape=\"[0-9a-f]+\">.*?<td class=\"num p50\">([0-9.]+)</td>"
                    + "<td class=\"num p95\">([0-9.]+)</td><td class=\"num p99\">([0-9.]+)</td>");

    @Test
    void chromiumRendersDatabasesQueriesAndShapePercentiles() throws Exception {
        List<Engine> engines = EngineSource.selected();
        List<Scratch> scratches = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (Observability obs = Observability.builder()
                .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .slowQueryThreshold(Duration.ofMillis(20)).build();
             ObserveServer server = ObserveServer.builder(obs).port(0).start()) {
            List<Database> dbs = new ArrayList<>();
            for (Engine e : engines) {
                Scratch s = Scratch.on(e);
                scratches.add(s);
                dbs.add(Workload.openAndRun(obs, s, e.scheme()));
            }
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
                String url = server.uri().toString();
                String dom = HeadlessChromium.dumpDom(url, 5000);
                Files.writeString(Tools.target().resolve("status-page.html"), dom);
                for (Engine e : engines) {
                    assertThat(dom).as("database row of %s", e)
                            .contains("<tr class=\"db\" data-name=\"" + e.scheme() + "\" data-health=\"UP\">");
                }
                Matcher q = QUERIES.matcher(dom);
                assertThat(q.find()).as("the query count in the rendered page").isTrue();
                assertThat(Long.parseLong(q.group(1).replace(",", ""))).isPositive();
                Matcher shape = SHAPE.matcher(dom);
                assertThat(shape.find()).as("a shape row with p50/p95/p99 in the rendered page").isTrue();
                double p50 = Double.parseDouble(shape.group(1));
                double p99 = Double.parseDouble(shape.group(3));
                assertThat(p99).isGreaterThanOrEqualTo(p50).isPositive();
                assertThat(dom).contains("class=\"bar p99Millis\"").doesNotContain(Workload.SECRET);

                Path png = Tools.target().resolve("status-page.png");
                HeadlessChromium.screenshot(url, png, 1400, 1300, 5000);
                assertThat(Files.size(png)).isGreaterThan(10_000);
            } finally {
                stop.set(true);
                load.join(120_000);
            }
        } finally {
            for (Scratch s : scratches) {
                s.close();
            }
        }
        assertThat(failed.get()).as("the workload").isNull();
    }
}
