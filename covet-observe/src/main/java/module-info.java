/**
 * Covet's observability: statement metrics per query shape through Micrometer (OpenTelemetry database semantic
 * conventions), per-shape statistics with percentiles, a slow-query log, recent errors, health probes,
 * OpenTelemetry spans and N+1 detection. Everything plugs into a database as interceptors of its statement
 * pipeline ({@link io.covet.observe.Observability#instrument}).
 *
 * <p>Exported: {@code io.covet.observe}. Not exported: {@code io.covet.observe.internal}.
 */
module io.covet.observe {
    requires transitive io.covet.core;
    requires transitive micrometer.core;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;
    requires org.slf4j;
    requires com.zaxxer.hikari;
    requires com.fasterxml.jackson.databind;

    exports io.covet.observe;
    // Jackson writes the snapshot records by reflection.
    opens io.covet.observe to com.fasterxml.jackson.databind;
}
