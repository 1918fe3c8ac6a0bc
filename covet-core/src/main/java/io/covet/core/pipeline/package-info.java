/**
 * The statement pipeline: an ordered chain of {@link io.covet.core.pipeline.Interceptor}s around every statement a
 * {@link io.covet.core.Database} runs and every connection it borrows. Observability (timing, metrics, tracing),
 * resilience (retries, circuit breakers) and read-replica routing plug in here.
 *
 * <p>How a statement travels: the public API ({@code SqlStatement}, {@code Database.batch}, {@code bulkLoad},
 * covet-sql's {@code Query}, the ORM) hands the SQL text, its bound values and, when the caller knows them, the
 * table names to the database's single statement path. With no interceptor registered that path runs the
 * statement directly and builds nothing (the fast path). Otherwise it builds one read-only
 * {@link io.covet.core.pipeline.StatementContext} and calls the first interceptor's
 * {@link io.covet.core.pipeline.Interceptor#intercept(Interceptor.Chain)}; each interceptor calls
 * {@link io.covet.core.pipeline.Interceptor.Chain#proceed()} to pass the statement on (zero times to
 * short-circuit with an exception, more than once to retry, {@code proceed(DataSource)} to redirect), and the last
 * {@code proceed()} borrows the connection, binds, runs and translates errors.
 *
 * <p>Registration: {@code DatabaseConfig.Builder.interceptor(…)}, the {@code covet.databases.<name>.interceptors}
 * key of {@code covet.properties} (class names with public no-arg constructors), and, when opted in with
 * {@code discoverInterceptors(true)} / {@code discover-interceptors=true}, {@link java.util.ServiceLoader}
 * providers of {@link io.covet.core.pipeline.Interceptor}. The first registered interceptor is the outermost.
 */
package io.covet.core.pipeline;
