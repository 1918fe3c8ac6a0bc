/**
 * Covet's runtime: {@link io.covet.core.Database} (pool, statements, bulk load, streaming), configuration, the
 * engine model with its capability flags ({@link io.covet.core.dialect.Features}), the exception hierarchy and
 * transactions.
 *
 * <p>Exported: {@code io.covet.core}, {@code .engine}, {@code .dialect}, {@code .error}, {@code .tx},
 * {@code .tx.twophase}, {@code .pool} (pool settings, hooks, stats),
 * {@code .resilience}, {@code .replica} (replication primitives: node role, lag, causal tokens)
 * and {@code .pipeline} (the interceptor SPI). Not exported, not even to other Covet modules:
 * {@code io.covet.core.internal} (statement execution, pools, binding) and {@code io.covet.core.tx.internal}
 * (the transaction engine) — implementation that may change in any release.
 *
 * <p>The three JDBC drivers are required, not merely present: a database URL names its engine and Covet brings
 * the driver for it. Drivers are found by {@code java.sql.DriverManager} (module {@code java.sql} declares
 * {@code uses java.sql.Driver}), so this module needs no {@code uses} clause of its own.
 */
module io.covet.core {
    requires transitive java.sql;
    // DatabaseConfig.meterRegistry takes a Micrometer registry, so users of the API read it too.
    requires transitive micrometer.core;

    requires com.zaxxer.hikari;
    requires io.github.resilience4j.core;
    requires io.github.resilience4j.circuitbreaker;
    requires io.github.resilience4j.retry;
    requires io.github.resilience4j.bulkhead;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.postgresql.jdbc;
    requires org.mariadb.jdbc;
    requires org.xerial.sqlitejdbc;

    exports io.covet.core;
    exports io.covet.core.dialect;
    exports io.covet.core.engine;
    exports io.covet.core.error;
    exports io.covet.core.tx;
    exports io.covet.core.tx.twophase;
    exports io.covet.core.pipeline;
    exports io.covet.core.resilience;
    exports io.covet.core.replica;
    exports io.covet.core.pool;

    // Database discovers Interceptor providers with ServiceLoader when a configuration opts in.
    uses io.covet.core.pipeline.Interceptor;
}
