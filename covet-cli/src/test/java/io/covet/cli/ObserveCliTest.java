package io.covet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.cli.common.ExitCode;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code covet serve}, {@code covet stats} and the demo's closing figures, on every engine. */
class ObserveCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
    static final String WORKLOAD = """
            -- setup, run once
            CREATE TABLE obs_cli (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL);
            INSERT INTO obs_cli (id, name) VALUES (1, 'one');
            INSERT INTO obs_cli (id, name) VALUES (2, 'two');
            -- covet:repeat
            SELECT name FROM obs_cli WHERE id = 1;
            SELECT COUNT(*)
              FROM obs_cli;
            INSERT INTO obs_cli (id, name) VALUES (1, 'duplicate');
            """;

    /** {@code covet serve …} running on its own thread until {@link #stop()}. */
    static final class Serving implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Serving(String... args) {
            thread = new Thread(() -> exit.set(CovetCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                    args)), "covet-serve-test");
            thread.start();
        }

        /** The page's address, once the command printed it. */
        URI uri() throws InterruptedException {
            for (int i = 0; i < 600; i++) {
                Matcher m = SERVING.matcher(out.toString());
                if (m.find()) {
                    return URI.create(m.group(1));
                }
                assertThat(thread.isAlive()).as("serve ended early: %s %s", out, err).isTrue();
                Thread.sleep(100);
            }
            throw new AssertionError("serve printed no address in 60 s: " + out + err);
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(60_000);
            return exit.get();
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }

    static String get(URI uri, int[] status) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            status[0] = c.getResponseCode();
            try (InputStream in = status[0] >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }

    @AllEngines
    void serveObservesAWorkloadAndStatsReadsItsEndpoint(Scratch s, @TempDir Path dir) throws Exception {
        Path workload = Files.writeString(dir.resolve("workload.sql"), WORKLOAD);
        try (Serving serve = new Serving("serve", "--database", s.url(), "--port", "0", "--workload",
                workload.toString())) {
            URI uri = serve.uri();
            assertThat(serve.out.toString()).contains("Serving database 'default' (" + s.engine().scheme() + ")");
            int[] status = new int[1];
            // The workload runs in the background: wait until its three repeated shapes have run a few times.
            JsonNode top = null;
            for (int i = 0; i < 600; i++) {
                CliRun stats = covet("stats", "--url", uri.toString(), "--json", "--sort", "calls");
                assertThat(stats.exit()).as(stats.err()).isZero();
                top = JSON.readTree(stats.out());
                if (top.path("shapes").size() >= 3 && top.path("shapes").get(2).path("calls").asLong() >= 3) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(top.path("sort").asText()).isEqualTo("calls");
            JsonNode first = top.path("shapes").get(0);
            assertThat(first.path("calls").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(first.path("p99Millis").asDouble()).isGreaterThanOrEqualTo(first.path("p50Millis").asDouble())
                    .isPositive();
            // Literals are shapes' parameters: the sample SQL has placeholders, never the values.
            assertThat(top.toString()).containsIgnoringCase("from obs_cli where id").doesNotContain("duplicate");

            CliRun table = covet("stats", "--url", uri.toString(), "--sort", "p99", "--limit", "3");
            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.out()).contains("P50 ms", "P95 ms", "P99 ms", "obs_cli");
            assertThat(table.out().lines().filter(l -> l.matches("^\\d+ .*"))).hasSize(3);

            // The running application's pool, as `covet pool stats` reads it from the endpoint.
            CliRun pools = covet("pool", "stats", "--url", uri.toString(), "--json");
            assertThat(pools.exit()).as(pools.err()).isZero();
            JsonNode pool = JSON.readTree(pools.out()).path("pools").get(0);
            assertThat(pool.path("database").asText()).isEqualTo("default");
            assertThat(pool.path("checkouts").asLong()).isGreaterThanOrEqualTo(first.path("calls").asLong());
            assertThat(pool.path("settings").path("acquireTimeoutMs").asLong()).isPositive();
            CliRun poolTable = covet("pool", "stats", "--url", uri.toString());
            assertThat(poolTable.exit()).as(poolTable.err()).isZero();
            assertThat(poolTable.out()).contains("acq p99").contains("default: sizing=");

            String ready = get(uri.resolve("health/ready"), status);
            assertThat(status[0]).as(ready).isEqualTo(200);
            String metrics = get(uri.resolve("metrics"), status);
            assertThat(metrics).contains("db_client_operation_duration_seconds_count{")
                    .contains("error_type=\"UniqueViolation\"").contains("covet_database=\"default\"");
            assertThat(serve.stop()).isEqualTo(ExitCode.OK);
            assertThat(serve.err.toString()).contains("a workload statement failed");
        }
    }

    @AllEngines
    void serveIsNotReadyWhileMigrationsArePending(Scratch s) throws Exception {
        String dir = Path.of("../examples/src/main/resources/db/migrations").toAbsolutePath().normalize().toString();
        try (Serving serve = new Serving("serve", "--database", s.url(), "--port", "0", "--migrations", dir)) {
            URI uri = serve.uri();
            int[] status = new int[1];
            String ready = get(uri.resolve("health/ready"), status);
            assertThat(status[0]).as(ready).isEqualTo(503);
            assertThat(ready).contains("migration(s) pending").contains("apply them with covet migrate");
            get(uri.resolve("health/live"), status);
            assertThat(status[0]).isEqualTo(200);

            CliRun migrate = covet("migrate", "--database", s.url(), "--migrations", dir);
            assertThat(migrate.exit()).as(migrate.err()).isZero();
            ready = get(uri.resolve("health/ready"), status);
            assertThat(status[0]).as(ready).isEqualTo(200);
            assertThat(serve.stop()).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void serveOnAnUnreachableDatabaseStartsAndShowsItDown() throws Exception {
        try (Serving serve = new Serving("serve", "--database", "postgresql://app:hunter2@127.0.0.1:1/shop",
                "--port", "0")) {
            URI uri = serve.uri();
            assertThat(serve.err.toString().strip().lines()).hasSize(1);
            assertThat(serve.err.toString()).startsWith("covet: database 'default' is DOWN: ")
                    .contains("127.0.0.1:1").contains("serving anyway").doesNotContain("hunter2");
            int[] status = new int[1];
            String ready = get(uri.resolve("health/ready"), status);
            assertThat(status[0]).isEqualTo(503);
            assertThat(ready).contains("DOWN").doesNotContain("hunter2");
            get(uri.resolve("health/live"), status);
            assertThat(status[0]).isEqualTo(200);
            String stats = get(uri.resolve("stats.json"), status);
            JsonNode db = JSON.readTree(stats).path("databases").get(0);
            assertThat(db.path("health").path("status").asText()).isEqualTo("DOWN");
            assertThat(stats).doesNotContain("hunter2");
            assertThat(serve.stop()).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void serveOnAPortInUseIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun r = covet("serve", "--database", "sqlite:" + dir.resolve("x.db"), "--port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("covet: SQLite database");
            Files.writeString(dir.resolve("x.db"), "");
            r = covet("serve", "--database", "sqlite:" + dir.resolve("x.db"), "--port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().strip()).isEqualTo("covet: port " + taken.getLocalPort() + " on 127.0.0.1 is already "
                    + "in use: stop what listens there or choose another port (--port)");
        }
    }

    @Test
    void serveRefusesAnUnknownObservabilitySettingNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.db"), "");
        Path conf = Files.writeString(dir.resolve("covet.properties"), "covet.databases.default.url=sqlite:"
                + dir.resolve("x.db") + "\ncovet.databases.default.observe.max-shapez=10\n"
                + "covet.databases.default.slow-query-threshold=fast\n");
        System.setProperty("covet.config", conf.toString());
        try {
            CliRun r = covet("serve", "--port", "0");
            assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("unknown observability setting 'covet.databases.default.observe.max-shapez'")
                    .contains("'covet.databases.default.slow-query-threshold' must be a duration");
        } finally {
            System.clearProperty("covet.config");
        }
    }

    @AllEngines
    void statsRunsAWorkloadFileAndPrintsTheTopShapes(Scratch s, @TempDir Path dir) throws Exception {
        Path workload = Files.writeString(dir.resolve("workload.sql"), WORKLOAD);
        CliRun r = covet("stats", "--workload", workload.toString(), "--database", s.url(), "--repeat", "20",
                "--json", "--sort", "calls");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode shapes = JSON.readTree(r.out()).path("shapes");
        assertThat(shapes.size()).isGreaterThanOrEqualTo(4);
        JsonNode insert = null;
        JsonNode byKey = null;
        for (JsonNode shape : shapes) {
            if (shape.path("errors").asLong() > 0) {
                insert = shape;
            }
            if (shape.path("sql").asText().toLowerCase(java.util.Locale.ROOT).contains("from obs_cli where id")) {
                byKey = shape;
            }
        }
        // The three INSERTs differ only by their literals: one shape, run twice in the setup and 20 times after.
        assertThat(insert).as("the failing INSERT's shape").isNotNull();
        assertThat(insert.path("calls").asLong()).isEqualTo(22);
        assertThat(insert.path("errors").asLong()).isEqualTo(20);
        assertThat(byKey).as("the read by key").isNotNull();
        assertThat(byKey.path("calls").asLong()).isEqualTo(20);
        assertThat(byKey.path("sql").asText()).doesNotContain("1");
        assertThat(r.err()).contains("20 workload statements failed");

        CliRun table = covet("stats", "--workload", workload.toString(), "--repeat", "5");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).containsIgnoringCase("from obs_cli where id").contains("P99 ms");
    }

    @Test
    void statsRefusesBadInputWithOneLine(@TempDir Path dir) throws Exception {
        CliRun none = covet("stats");
        assertThat(none.exit()).isEqualTo(ExitCode.USAGE);
        CliRun sort = covet("stats", "--url", "http://127.0.0.1:1", "--sort", "fastest");
        assertThat(sort.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(sort.err()).contains("--sort").contains("p99, total, calls");
        CliRun missing = covet("stats", "--workload", dir.resolve("nope.sql").toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err().strip()).isEqualTo("covet: workload file " + dir.resolve("nope.sql")
                + " does not exist; check the path");
        CliRun scheme = covet("stats", "--url", "ftp://127.0.0.1:9187");
        assertThat(scheme.exit()).isEqualTo(ExitCode.USAGE);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CliRun down = covet("stats", "--url", "http://127.0.0.1:" + port);
        assertThat(down.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(down.err().strip().lines()).hasSize(1);
        assertThat(down.err()).startsWith("covet: cannot reach http://127.0.0.1:" + port + "/");
    }

    @Test
    void theDemoEndsWithItsTopThreeShapesAndTheirPercentiles(@TempDir Path dir) {
        CliRun r = covet("demo", "--rows", "500", "--database", "sqlite:" + dir.resolve("demo.db"));
        assertThat(r.exit()).as(r.err()).isZero();
        String tail = r.out().substring(r.out().indexOf("Top three statement shapes"));
        assertThat(tail.lines().filter(l -> l.matches("^  [123]\\. .* calls  p50 [0-9.]+ ms  p95 [0-9.]+ ms  "
                + "p99 [0-9.]+ ms$"))).hasSize(3);
    }
}
