package io.covet.observe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Prometheus on 127.0.0.1 for one test: its own configuration (scraping one target every second), its
 * data and log under {@code target/prometheus-*}, queried through its HTTP API. Closing stops it.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path dir;
    private final int port;

    private PrometheusServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code 127.0.0.1:targetPort/metrics} every second, with the given rule files. */
    static PrometheusServer start(int targetPort, Path... ruleFiles) throws IOException, InterruptedException {
        Path bin = Tools.prometheus();
        Path dir = Files.createTempDirectory(Tools.target(), "prometheus-");
        int port = freePort();
        StringBuilder rules = new StringBuilder();
        for (Path r : ruleFiles) {
            rules.append("  - ").append(r.toAbsolutePath()).append('\n');
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                %sscrape_configs:
                  - job_name: covet
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(rules, targetPort));
        Process p = new ProcessBuilder(bin.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(p, dir, port);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": " + log());
            }
            try {
                if (get("/-/ready").status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Prometheus not ready after 60 s: " + log());
    }

    /** The {@code data.result} of an instant query. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        Http r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query " + promql + " failed: " + r.body());
        }
        return body.path("data").path("result");
    }

    /** How many scrapes of the Covet target have succeeded so far. */
    long successfulScrapes() throws IOException, InterruptedException {
        JsonNode r = query("count_over_time(up{job=\"covet\"}[10m])");
        JsonNode up = query("up{job=\"covet\"}");
        if (r.isEmpty() || up.isEmpty() || !"1".equals(up.get(0).path("value").get(1).asText())) {
            return 0;
        }
        return Long.parseLong(r.get(0).path("value").get(1).asText());
    }

    /** Waits until the target has been scraped successfully {@code n} more times than now. */
    void awaitScrapes(int n) throws IOException, InterruptedException {
        long start = successfulScrapes();
        for (int i = 0; i < 600; i++) {
            if (successfulScrapes() >= start + n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Prometheus did not scrape the Covet endpoint " + n + " times in 60 s: "
                + JSON.writeValueAsString(query("up")) + "; targets: " + get("/api/v1/targets").body());
    }

    /** The {@code data.groups} of the rules API (state of every loaded rule). */
    JsonNode rules() throws IOException, InterruptedException {
        return JSON.readTree(get("/api/v1/rules").body()).path("data").path("groups");
    }

    private Http get(String path) throws IOException {
        return Http.get(URI.create("http://127.0.0.1:" + port + path));
    }

    String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // the data directory lives under target/ and goes with mvn clean
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
