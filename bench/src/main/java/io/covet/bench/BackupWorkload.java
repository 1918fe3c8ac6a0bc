package io.covet.bench;

import io.covet.backup.BackupInfo;
import io.covet.backup.BackupOptions;
import io.covet.backup.BackupRepository;
import io.covet.backup.Backups;
import io.covet.core.Database;
import io.covet.core.DatabaseUrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bench/run backup-pg restore-pg}: a PostgreSQL table set of {@code rows} rows (1,000,000 ≈ 150 MB), backed
 * up by Covet (zstd) and by {@code pg_dump -Fc}, then restored by Covet and by {@code pg_restore} into empty
 * databases, same machine, same run, one job each, two rounds with the tools taking turns (ratios of each side's
 * best round; the first, cold-JVM round is printed too). Uses (and drops afterwards) the databases
 * {@code covet_bench_backup_src}, {@code covet_bench_restore_covet} and {@code covet_bench_restore_pg}.
 */
public final class BackupWorkload {
    private static final String SRC = "covet_bench_backup_src";
    private static final String DST_COVET = "covet_bench_restore_covet";
    private static final String DST_PG = "covet_bench_restore_pg";

    /** Covet's defaults: one job (so the baselines run with one job too), zstd at the default level. */
    private static final BackupOptions DEFAULTS = BackupOptions.defaults();

    private BackupWorkload() {
    }

    /**
     * Runs the comparison.
     *
     * @param pgUrl a Covet URL of a PostgreSQL database whose user may create databases
     * @param rows  rows in the largest table (the set holds about 1.1 × rows in all)
     * @return {@code RATIO backup-pg <covet/pg_dump>}, {@code RATIO restore-pg <covet/pg_restore>} (lower is
     *         faster for Covet) and {@code SIZE covet=<bytes> pg_dump=<bytes>}
     */
    public static List<String> run(String pgUrl, int rows) {
        Path pgBin = Path.of(System.getenv().getOrDefault("COVET_PG_BIN", "/usr/lib/postgresql/15/bin"));
        Path work;
        try {
            work = Files.createTempDirectory("covet-bench-backup-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatabaseUrl url = DatabaseUrl.parse(pgUrl);
        try (Database admin = Database.open(pgUrl)) {
            for (String db : List.of(SRC, DST_COVET, DST_PG)) {
                admin.sql("DROP DATABASE IF EXISTS " + db).execute();
                admin.sql("CREATE DATABASE " + db).execute();
            }
            try (Database src = Database.open(on(pgUrl, SRC))) {
                load(src, rows);
            }

            // Two rounds, each tool in turn, so a burst of load on the shared machine hits both sides alike; the
            // RATIO lines compare each side's best round, the first round (cold JVM) is printed too.
            long[] covetBackup = new long[ROUNDS];
            long[] pgDump = new long[ROUNDS];
            long[] covetRestore = new long[ROUNDS];
            long[] pgRestore = new long[ROUNDS];
            BackupInfo backup = null;
            Path repoDir = null;
            Path dump = null;
            for (int round = 0; round < ROUNDS; round++) {
                repoDir = work.resolve("repo" + round);
                try (Database src = Database.open(on(pgUrl, SRC));
                     BackupRepository repo = BackupRepository.open(repoDir.toString())) {
                    long t = System.nanoTime();
                    backup = Backups.create(src, repo, DEFAULTS);
                    covetBackup[round] = System.nanoTime() - t;
                }
                dump = work.resolve("dump" + round + ".pgc");
                pgDump[round] = time(pgBin.resolve("pg_dump"), url, SRC, List.of("-Fc", "-f", dump.toString()));
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (String db : List.of(DST_COVET, DST_PG)) {
                    admin.sql("DROP DATABASE IF EXISTS " + db).execute();
                    admin.sql("CREATE DATABASE " + db).execute();
                }
                try (Database dst = Database.open(on(pgUrl, DST_COVET));
                     BackupRepository repo = BackupRepository.open(repoDir.toString())) {
                    long t = System.nanoTime();
                    Backups.restore(repo, backup.id(), null, dst, false);
                    covetRestore[round] = System.nanoTime() - t;
                }
                pgRestore[round] = time(pgBin.resolve("pg_restore"), url, DST_PG, List.of(dump.toString()));
            }

            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "RATIO backup-pg %.3f", (double) min(covetBackup) / min(pgDump)));
            lines.add(String.format(Locale.ROOT, "RATIO restore-pg %.3f", (double) min(covetRestore) / min(pgRestore)));
            lines.add("SIZE covet=" + size(repoDir) + " pg_dump=" + Files.size(dump));
            lines.add(String.format(Locale.ROOT, "# rows=%d, seconds per round: covet backup %s, pg_dump %s, covet restore %s, "
                    + "pg_restore %s", backup.rows(), seconds(covetBackup), seconds(pgDump), seconds(covetRestore),
                    seconds(pgRestore)));
            lines.add(String.format(Locale.ROOT, "# first round only (cold JVM): backup %.3f, restore %.3f",
                    (double) covetBackup[0] / pgDump[0], (double) covetRestore[0] / pgRestore[0]));
            lines.add(String.format(Locale.ROOT, "# same data, one job each: covet --jobs %d zstd level %d, restore in one "
                    + "transaction; pg_dump -Fc (default compression), pg_restore without -j", DEFAULTS.jobs(),
                    DEFAULTS.compressionLevel()));
            for (String db : List.of(SRC, DST_COVET, DST_PG)) {
                admin.sql("DROP DATABASE IF EXISTS " + db).execute();
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(work);
        }
    }

    /** A customers/orders/order-lines set with typical types; generated on the server. */
    private static void load(Database db, int rows) {
        db.sql("CREATE TABLE customer (id BIGINT PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, "
                + "created TIMESTAMPTZ NOT NULL)").execute();
        db.sql("CREATE TABLE orders (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, customer_id BIGINT NOT NULL "
                + "REFERENCES customer (id), amount NUMERIC(12, 2) NOT NULL, status VARCHAR(16) NOT NULL, "
                + "note TEXT, placed TIMESTAMP NOT NULL)").execute();
        db.sql("CREATE INDEX orders_customer ON orders (customer_id)").execute();
        int customers = Math.max(1, rows / 10);
        db.sql("INSERT INTO customer SELECT g, 'Customer ' || g, 'c' || g || '@example.com', "
                + "timestamptz '2020-01-01' + g * interval '1 minute' FROM generate_series(1, ?) g", customers).execute();
        db.sql("INSERT INTO orders (customer_id, amount, status, note, placed) SELECT 1 + g % ?, "
                + "(g % 100000) / 100.0, (ARRAY['new','paid','shipped','returned'])[1 + g % 4], "
                + "CASE WHEN g % 3 = 0 THEN NULL ELSE md5(g::text) || ' ' || repeat('x', g % 40) END, "
                + "timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, ?) g", customers, rows).execute();
        db.sql("ANALYZE").execute();
    }

    private static final int ROUNDS = 2;

    private static long min(long[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    private static String seconds(long[] v) {
        StringBuilder sb = new StringBuilder();
        for (long x : v) {
            sb.append(sb.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f", x / 1e9));
        }
        return sb.toString();
    }

    private static long time(Path binary, DatabaseUrl url, String database, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-h", url.host().orElse("127.0.0.1"),
                "-p", String.valueOf(url.port()), "-d", database));
        url.user().ifPresent(u -> cmd.addAll(List.of("-U", u)));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        url.password().ifPresent(p -> pb.environment().put("PGPASSWORD", p));
        try {
            long t = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(binary.getFileName() + " failed: " + out.strip());
            }
            return System.nanoTime() - t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The URL with another database name (and the same credentials and parameters). */
    static String on(String pgUrl, String database) {
        int q = pgUrl.indexOf('?');
        String base = q < 0 ? pgUrl : pgUrl.substring(0, q);
        String query = q < 0 ? "" : pgUrl.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
