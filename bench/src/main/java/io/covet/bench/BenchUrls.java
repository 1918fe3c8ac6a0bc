package io.covet.bench;

import io.covet.core.DatabaseUrl;

/**
 * Where the benchmarks find their servers: {@code COVET_BENCH_PG_URL} and {@code COVET_BENCH_MARIADB_URL} (set by
 * {@code bench/run}, which starts throwaway servers with {@code scripts/engines}), falling back to the test URLs.
 */
final class BenchUrls {
    private BenchUrls() {
    }

    /** A PostgreSQL server for benchmarks, in Covet and JDBC form. */
    record Pg(String covetUrl, String jdbcUrl, String user, String password) {
    }

    static Pg postgres() {
        String url = covetUrl("COVET_BENCH_PG_URL", "COVET_TEST_PG_URL", "PostgreSQL");
        DatabaseUrl u = DatabaseUrl.parse(url);
        return new Pg(url, "jdbc:postgresql://" + u.location() + "/" + u.database(), u.user().orElse("postgres"),
                u.password().orElse(""));
    }

    /** The Covet URL of the MariaDB server for benchmarks. */
    static String mariadb() {
        return covetUrl("COVET_BENCH_MARIADB_URL", "COVET_TEST_MARIADB_URL", "MariaDB");
    }

    /** A primary and its replica, in Covet form. */
    record Replicated(String primary, String replica) {
    }

    /**
     * The server of {@code engine} ({@code postgresql} or {@code mariadb}) with its read replica:
     * {@code COVET_BENCH_PG_REPLICA_URL}/{@code COVET_BENCH_MARIADB_REPLICA_URL}, falling back to the test URLs
     * ({@code bench/run replicas} starts the replicas).
     */
    static Replicated replicated(String engine) {
        boolean pg = engine.equals("postgresql");
        String primary = pg ? postgres().covetUrl() : mariadb();
        String replica = covetUrl(pg ? "COVET_BENCH_PG_REPLICA_URL" : "COVET_BENCH_MARIADB_REPLICA_URL",
                pg ? "COVET_TEST_PG_REPLICA_URL" : "COVET_TEST_MARIADB_REPLICA_URL", engine + " replica");
        return new Replicated(primary, replica);
    }

    private static String covetUrl(String variable, String fallback, String engine) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            url = System.getenv(fallback);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no " + engine + " for benchmarks: run them with bench/run, which starts one");
        }
        return url;
    }
}
