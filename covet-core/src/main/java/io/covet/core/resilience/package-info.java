/**
 * Resilience of a database against its server's failures: {@link io.covet.core.resilience.ResilienceSettings}
 * (circuit breaker, retries with backoff and jitter, bulkhead, read-only mode, read fallback), attached to a
 * database's configuration, and {@link io.covet.core.resilience.Resilience}, its live state. Built on
 * Resilience4j; it runs as the outermost link of the statement pipeline.
 */
package io.covet.core.resilience;
