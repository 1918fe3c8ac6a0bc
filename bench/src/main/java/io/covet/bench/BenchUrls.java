package io.covet.bench;

import io.covet.core.DatabaseUrl;

/**
 * Where the benchmarks find their servers: {@code COVET_BENCH_PG_URL} (set by {@code bench/run}, which starts a
 * throwaway server with {@code scripts/engines}), falling back to {@code COVET_TEST_PG_URL}.
 */
final class BenchUrls {
    private BenchUrls() {
    }

    /** A PostgreSQL server for benchmarks, in Covet and JDBC form. */
    record Pg(String covetUrl, String jdbcUrl, String user, String password) {
    }

    static Pg postgres() {
        String url = System.getenv("COVET_BENCH_PG_URL");
        if (url == null || url.isBlank()) {
            url = System.getenv("COVET_TEST_PG_URL");
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no PostgreSQL for benchmarks: run them with bench/run, which starts one");
        }
        DatabaseUrl u = DatabaseUrl.parse(url);
        return new Pg(url, "jdbc:postgresql://" + u.location() + "/" + u.database(), u.user().orElse("postgres"),
                u.password().orElse(""));
    }
}
