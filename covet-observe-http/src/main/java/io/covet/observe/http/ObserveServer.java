package io.covet.observe.http;

import com.sun.net.httpserver.HttpServer;
import io.covet.observe.Observability;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddable HTTP endpoint for an application's {@link Observability}, on the JDK's own
 * {@code com.sun.net.httpserver} (no web framework):
 *
 * <ul>
 *   <li>{@code GET /metrics} — every meter in the Prometheus text format (version 0.0.4), from the
 *       {@link PrometheusMeterRegistry} the observability writes to;</li>
 *   <li>{@code GET /health/live} and {@code GET /health/ready} — 200 when live (ready), else 503, with the
 *       checks as JSON (Kubernetes probes);</li>
 *   <li>{@code GET /stats.json} — {@link Observability#snapshot(int)} as JSON;</li>
 *   <li>{@code GET /} — a static status page that reads {@code /stats.json} every two seconds: databases and
 *       their health, pool gauges, top shapes with p50/p95/p99 and a latency chart, recent slow queries and
 *       errors, long-running transactions.</li>
 * </ul>
 *
 * <p>Binds to {@code 127.0.0.1} unless told otherwise. It serves nothing secret — SQL with placeholders, no bound
 * value unless the slow-query log was told to show them, no password — but it has no authentication either:
 * bind it to another interface only behind something that does. Requests are served by two daemon threads.
 *
 * <pre>{@code
 * PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * Observability obs = Observability.builder().meterRegistry(prometheus).build();
 * try (ObserveServer server = ObserveServer.builder(obs).port(9187).start()) {
 *     ... // http://127.0.0.1:9187/
 * }
 * }</pre>
 */
public final class ObserveServer implements AutoCloseable {
    /** The port of {@code covet serve} unless told otherwise. */
    public static final int DEFAULT_PORT = 9187;
    /** The interface bound unless told otherwise: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;

    private ObserveServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** A builder serving {@code observability}; binds {@value #DEFAULT_BIND}:{@value #DEFAULT_PORT} by default. */
    public static Builder builder(Observability observability) {
        return new Builder(observability);
    }

    /** The port actually bound (the one asked for, or the one the system chose for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The status page's address, e.g. {@code http://127.0.0.1:9187/}. */
    public URI uri() {
        return uri;
    }

    /** Stops serving (requests in progress get up to one second) and releases the port. Idempotent. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    /**
     * The Prometheus registry that {@code registry} is or contains (one level of {@link CompositeMeterRegistry}),
     * if any.
     */
    static Optional<PrometheusMeterRegistry> prometheusOf(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry p) {
            return Optional.of(p);
        }
        if (registry instanceof CompositeMeterRegistry c) {
            return c.getRegistries().stream().filter(PrometheusMeterRegistry.class::isInstance)
                    .map(PrometheusMeterRegistry.class::cast).findFirst();
        }
        return Optional.empty();
    }

    /** Collects the settings; {@link #start()} checks them and binds. Not thread-safe. */
    public static final class Builder {
        private final Observability observability;
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private int shapes = 20;
        private final List<DatabaseStatus> extra = new ArrayList<>();

        private Builder(Observability observability) {
            this.observability = Objects.requireNonNull(observability, "observability");
        }

        /** The interface to listen on, a host name or address (default {@value #DEFAULT_BIND}). */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The TCP port, 0 for any free one (default {@value #DEFAULT_PORT}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How many shapes per database {@code /stats.json} lists, by total time (default 20). */
        public Builder shapes(int n) {
            this.shapes = n;
            return this;
        }

        /**
         * Adds a database that is not attached to the observability (it could not be opened, say) so that the
         * page and the readiness probe show it as DOWN with the reason, until {@code status} says otherwise.
         * Consulted on every request; a database of the same name that is attached takes precedence.
         */
        public Builder unattached(DatabaseStatus status) {
            extra.add(Objects.requireNonNull(status, "status"));
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws IllegalArgumentException when the port is out of range, the bind address does not resolve, the
         *                                  shape count is negative, or the observability's registry is not (and
         *                                  does not contain) a {@link PrometheusMeterRegistry}
         * @throws PortInUseException       when the port is taken on that interface
         * @throws UncheckedIOException     when the server cannot be started for another reason
         */
        public ObserveServer start() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            if (shapes < 0) {
                throw new IllegalArgumentException("shapes must be zero or more, was " + shapes);
            }
            PrometheusMeterRegistry prometheus = prometheusOf(observability.registry()).orElseThrow(() ->
                    new IllegalArgumentException("the observability's meter registry is a "
                            + observability.registry().getClass().getSimpleName() + ", which /metrics cannot scrape: "
                            + "build it with Observability.builder().meterRegistry(new PrometheusMeterRegistry("
                            + "PrometheusConfig.DEFAULT)) (or a composite containing one)"));
            InetAddress address;
            try {
                address = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind address '" + bind + "' does not resolve: give an IP "
                        + "address of this machine, e.g. 127.0.0.1", e);
            }
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(address, port), 16);
            } catch (BindException e) {
                throw new PortInUseException(bind, port, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the observability endpoint on " + bind + ":" + port
                        + ": " + e.getMessage(), e);
            }
            Routes routes = new Routes(observability, prometheus, shapes, List.copyOf(extra));
            routes.install(server);
            AtomicInteger n = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "covet-observe-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.start();
            return new ObserveServer(server, executor);
        }
    }
}
