package io.covet.observe.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.covet.core.pool.Pool;
import io.covet.observe.Health;
import io.covet.observe.Observability;
import io.covet.observe.ObservabilitySnapshot;
import io.covet.observe.PoolReport;
import io.covet.observe.ShapeSort;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The endpoint's handlers: one per path, GET (and HEAD) only. */
final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(ObserveServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    // The page's script and style are inline; everything it loads comes from this server.
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    private final Observability observability;
    private final PrometheusMeterRegistry prometheus;
    private final int shapes;
    private final List<DatabaseStatus> unattached;
    private final byte[] page;

    Routes(Observability observability, PrometheusMeterRegistry prometheus, int shapes,
           List<DatabaseStatus> unattached) {
        this.observability = observability;
        this.prometheus = prometheus;
        this.shapes = shapes;
        this.unattached = unattached;
        this.page = resource("status.html");
    }

    void install(HttpServer server) {
        server.createContext("/", this::handle);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "only GET and HEAD are served\n");
                return;
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> {
                    ex.getResponseHeaders().set("Content-Security-Policy", CSP);
                    send(ex, 200, "text/html; charset=utf-8", page);
                }
                case "/metrics" -> send(ex, 200, PROMETHEUS_TEXT, prometheus.scrape());
                case "/health/live" -> health(ex, false);
                case "/health/ready" -> health(ex, true);
                case "/stats.json" -> stats(ex);
                case "/pools.json" -> send(ex, 200, JSON_TYPE, pools().toJson());
                default -> send(ex, 404, "text/plain; charset=utf-8", "no such page: the endpoint serves /, "
                        + "/metrics, /health/live, /health/ready, /stats.json and /pools.json\n");
            }
        } catch (RuntimeException e) {
            // One line, no stack trace on the wire: the page shows it; the log has the details.
            LOG.warn("observability endpoint failed on {}: {}", ex.getRequestURI().getPath(), e.toString(), e);
            send(ex, 500, "text/plain; charset=utf-8", "internal error: " + e.getClass().getSimpleName() + "\n");
        }
    }

    /** 200 when every database is live (ready), else 503; the body names each database's checks. */
    private void health(HttpExchange ex, boolean readiness) throws IOException {
        List<Health> all = observability.health();
        Set<String> attached = all.stream().map(Health::database).collect(Collectors.toSet());
        List<Map<String, Object>> databases = new ArrayList<>();
        boolean ok = true;
        for (Health h : all) {
            boolean pass = readiness ? h.ready() : h.live();
            ok &= pass;
            databases.add(healthJson(h));
        }
        Map<String, String[]> down = new LinkedHashMap<>();
        for (String name : observability.databases()) {
            if (!attached.contains(name)) {
                down.put(name, new String[]{"", "not connected: the database is configured but was not opened"});
            }
        }
        for (DatabaseStatus s : unattached) {
            if (s.down() && !attached.contains(s.name())) {
                down.put(s.name(), new String[]{s.engine(), s.reason()});
            }
        }
        for (Map.Entry<String, String[]> e : down.entrySet()) {
            // A database that could not be opened makes the application not ready, never not live:
            // restarting the process does not bring the server back.
            ok &= !readiness;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("database", e.getKey());
            m.put("engine", e.getValue()[0]);
            m.put("status", Health.Status.DOWN.name());
            m.put("ready", false);
            m.put("live", true);
            m.put("checks", List.of(Map.of("name", "connection", "status", "DOWN", "detail", e.getValue()[1])));
            databases.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "UP" : "DOWN");
        body.put("databases", databases);
        send(ex, ok ? 200 : 503, JSON_TYPE, JSON.writeValueAsString(body));
    }

    private static Map<String, Object> healthJson(Health h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", h.database());
        m.put("engine", h.engine());
        m.put("status", h.status().name());
        m.put("ready", h.ready());
        m.put("live", h.live());
        m.put("roundTripMillis", h.roundTripMillis());
        h.pool().ifPresent(p -> m.put("pool", Map.of("active", p.active(), "idle", p.idle(), "pending", p.pending(),
                "max", p.max())));
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Health.Check c : h.checks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("status", c.status().name());
            cm.put("detail", c.detail());
            cm.put("data", c.data());
            checks.add(cm);
        }
        m.put("checks", checks);
        m.put("checkedAt", h.checkedAt().toString());
        return m;
    }

    /** The pools of the attached databases, in the order they were attached. */
    private PoolReport pools() {
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (String name : observability.databases()) {
            observability.database(name).ifPresent(db -> pools.put(name, db.pool()));
        }
        return PoolReport.of(pools);
    }

    /** {@code /stats.json[?sort=p99|total|calls][&shapes=N]}; 400 on a bad parameter. */
    private void stats(HttpExchange ex) throws IOException {
        Map<String, String> params = query(ex.getRequestURI().getRawQuery());
        ShapeSort sort;
        int limit;
        try {
            sort = ShapeSort.valueOf(params.getOrDefault("sort", "total").toUpperCase(Locale.ROOT));
            limit = Integer.parseInt(params.getOrDefault("shapes", String.valueOf(shapes)));
            if (limit < 0 || limit > 10_000) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            send(ex, 400, "text/plain; charset=utf-8", "bad query: sort is p99, total or calls; shapes is a number "
                    + "from 0 to 10000\n");
            return;
        }
        send(ex, 200, JSON_TYPE, stats(sort, limit));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }

    /**
     * The snapshot with each database's top {@code limit} shapes by {@code sort}, and two additions for the page:
     * each database's number of tracked shapes, and a DOWN health for a database that is instrumented but not
     * attached (it could not be opened) or only known through a {@link DatabaseStatus}, with the reason.
     */
    String stats(ShapeSort sort, int limit) throws IOException {
        ObservabilitySnapshot snapshot = observability.snapshot(limit);
        if (sort != ShapeSort.TOTAL) {
            List<ObservabilitySnapshot.DatabaseSnapshot> sorted = new ArrayList<>();
            for (ObservabilitySnapshot.DatabaseSnapshot d : snapshot.databases()) {
                sorted.add(new ObservabilitySnapshot.DatabaseSnapshot(d.name(), d.engine(), d.health(), d.statements(),
                        d.errors(), observability.shapes(d.name()).top(sort, limit), d.slowQueries(),
                        d.recentErrors(), d.openTransactions()));
            }
            snapshot = new ObservabilitySnapshot(snapshot.takenAt(), sorted);
        }
        ObjectNode root = (ObjectNode) JSON.readTree(snapshot.toJson());
        ArrayNode databases = root.withArray("databases");
        Map<String, DatabaseStatus> down = new LinkedHashMap<>();
        for (DatabaseStatus s : unattached) {
            if (s.down()) {
                down.putIfAbsent(s.name(), s);
            }
        }
        for (var node : databases) {
            ObjectNode d = (ObjectNode) node;
            String name = d.path("name").asText();
            DatabaseStatus s = down.remove(name);
            d.put("trackedShapes", observability.shapes(name).size());
            if (d.path("health").isNull() || d.path("health").isMissingNode()) {
                d.set("health", downHealth(name, d.path("engine").asText(""), s != null ? s.reason()
                        : "not connected: the database is configured but was not opened"));
            }
        }
        for (DatabaseStatus s : down.values()) {
            ObjectNode d = databases.addObject();
            d.put("name", s.name());
            d.put("engine", s.engine());
            d.set("health", downHealth(s.name(), s.engine(), s.reason()));
            d.put("statements", 0).put("errors", 0).put("trackedShapes", 0);
            d.putArray("shapes");
            d.putArray("slowQueries");
            d.putArray("recentErrors");
            d.putArray("openTransactions");
        }
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode downHealth(String name, String engine, String reason) {
        ObjectNode health = JSON.createObjectNode();
        health.put("database", name);
        health.put("engine", engine);
        health.put("status", "DOWN");
        health.put("roundTripMillis", -1);
        health.putNull("pool");
        health.putArray("checks").addObject().put("name", "connection").put("status", "DOWN").put("detail", reason);
        health.put("checkedAt", Instant.now().toString());
        return health;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Routes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the status page " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
