/**
 * Covet's observability endpoint: {@link io.covet.observe.http.ObserveServer}, an embeddable HTTP server on the
 * JDK's {@code com.sun.net.httpserver} exposing {@code /metrics} (Prometheus), {@code /health/live},
 * {@code /health/ready}, {@code /stats.json} and a live status page for an {@code Observability}.
 *
 * <p>Exported: {@code io.covet.observe.http}; its handlers are package-private.
 */
module io.covet.observe.http {
    requires transitive io.covet.observe;
    requires transitive micrometer.registry.prometheus;
    requires jdk.httpserver;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports io.covet.observe.http;
}
