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
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run backup-pg restore-pg} and {@code bench/run backup-mariadb restore-mariadb}: a table set of
 * {@code rows} rows (1,000,000 ≈ 150 MB), backed up by Covet (zstd) and by the engine's own dump tool, then restored
 * by Covet and by the engine's own restore into empty databases, same machine, same run, one job each, two rounds
 * with the tools taking turns (ratios of each side's best round; the first, cold-JVM round is printed too). Uses (and
 * drops afterwards) the databases {@code covet_bench_backup_src}, {@code covet_bench_restore_covet} and
 * {@code covet_bench_restore_pg} (on MariaDB {@code covet_bench_restore_mariadb}). What differs per engine (the
 * data's DDL and the baseline tools) lives in a {@link Baseline}; the method is shared.
 */
public final class BackupWorkload {
    private static final String SRC = "covet_bench_backup_src";
    private static final String DST_COVET = "covet_bench_restore_covet";

    /** Covet's defaults: one job (so the baselines run with one job too), zstd at the default level. */
    private static final BackupOptions DEFAULTS = BackupOptions.defaults();

    private BackupWorkload() {
    }

    /** The engine-specific half of the comparison: the data set and the baseline dump and restore tools. */
    interface Baseline {
        /** Short engine name used in the RATIO lines and the baseline's database name ({@code pg}, {@code mariadb}). */
        String engine();

        /** The dump tool's name as printed ({@code pg_dump}). */
        String dumpTool();

        /** The restore tool's name as printed ({@code pg_restore}). */
        String restoreTool();

        /** Creates and fills the customers/orders set in the (empty) source database. */
        void load(Database db, int rows);

        /** Dumps {@code database} to {@code file}; returns the elapsed nanoseconds. */
        long dump(DatabaseUrl url, String database, Path file);

        /** Restores {@code file} into the empty {@code database}; returns the elapsed nanoseconds. */
        long restore(DatabaseUrl url, String database, Path file);

        /** How the baseline was run, for the closing comment line. */
        String note();

        /** The pid of the database server whose CPU time is measured (one process), or -1 for none. */
        default long serverPid() {
            return -1;
        }

        /**
         * Whether the run also times the floor of a JDBC reader: every row of every table selected through the
         * driver and discarded (no encoding, checksum or compression), printed as {@code RATIO backup-<engine>-floor}
         * (no value read) and {@code RATIO backup-<engine>-floor-values} (every value decoded) against the dump
         * tool's best round.
         */
        default boolean floor() {
            return false;
        }
    }

    /**
     * Runs the PostgreSQL comparison against {@code pg_dump -Fc} and {@code pg_restore}.
     *
     * @param pgUrl a Covet URL of a PostgreSQL database whose user may create databases
     * @param rows  rows in the largest table (the set holds about 1.1 × rows in all)
     * @return {@code RATIO backup-pg <covet/pg_dump>}, {@code RATIO restore-pg <covet/pg_restore>} (lower is
     *         faster for Covet), {@code SIZE covet=<bytes> pg_dump=<bytes>} and comment lines with seconds per round
     */
    public static List<String> run(String pgUrl, int rows) {
        return run(pgUrl, rows, new Postgres());
    }

    /**
     * Runs the MariaDB comparison against {@code mariadb-dump --single-transaction} to a file and a {@code mariadb}
     * client restore of that file; the password reaches the tools through {@code MYSQL_PWD}, never the command line.
     *
     * @param mariadbUrl a Covet URL of a MariaDB database whose user may create databases
     * @param rows       rows in the largest table (the set holds about 1.1 × rows in all)
     * @return {@code RATIO backup-mariadb <covet/mariadb-dump>}, {@code RATIO restore-mariadb <covet/mariadb>},
     *         {@code RATIO backup-mariadb-floor} and {@code RATIO backup-mariadb-floor-values} (a bare JDBC read of
     *         the same rows / mariadb-dump), {@code SIZE covet=<bytes> mariadb-dump=<bytes>} and comment lines with
     *         seconds and CPU seconds per round
     */
    public static List<String> runMariadb(String mariadbUrl, int rows) {
        return run(mariadbUrl, rows, new Mariadb());
    }

    private static List<String> run(String dbUrl, int rows, Baseline base) {
        String dstBase = "covet_bench_restore_" + base.engine();
        Path work;
        try {
            work = Files.createTempDirectory("covet-bench-backup-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatabaseUrl url = DatabaseUrl.parse(dbUrl);
        try (Database admin = Database.open(dbUrl)) {
            for (String db : List.of(SRC, DST_COVET, dstBase)) {
                admin.sql("DROP DATABASE IF EXISTS " + db).execute();
                admin.sql("CREATE DATABASE " + db).execute();
            }
            long t0 = System.nanoTime();
            try (Database src = Database.open(on(dbUrl, SRC))) {
                base.load(src, rows);
            }
            long loadNanos = System.nanoTime() - t0;

            // Two rounds, each tool in turn, so a burst of load on the shared machine hits both sides alike; the
            // RATIO lines compare each side's best round, the first round (cold JVM) is printed too.
            long[] covetBackup = new long[ROUNDS];
            long[] baseDump = new long[ROUNDS];
            long[] floor = new long[ROUNDS];
            long[][] floorCpu = new long[ROUNDS][];
            long[] floorValues = new long[ROUNDS];
            long[][] floorValuesCpu = new long[ROUNDS][];
            long[] covetRestore = new long[ROUNDS];
            long[] baseRestore = new long[ROUNDS];
            // CPU milliseconds per round: [round][0] the client (Covet's JVM, or the tool), [round][1] the server
            long[][] covetBackupCpu = new long[ROUNDS][];
            long[][] baseDumpCpu = new long[ROUNDS][];
            long[][] covetRestoreCpu = new long[ROUNDS][];
            long[][] baseRestoreCpu = new long[ROUNDS][];
            long server = base.serverPid();
            BackupInfo backup = null;
            Path repoDir = null;
            Path dump = null;
            for (int round = 0; round < ROUNDS; round++) {
                repoDir = work.resolve("repo" + round);
                try (Database src = Database.open(on(dbUrl, SRC));
                     BackupRepository repo = BackupRepository.open(repoDir.toString())) {
                    long[] cpu = cpu(server, false);
                    long t = System.nanoTime();
                    backup = Backups.create(src, repo, DEFAULTS);
                    covetBackup[round] = System.nanoTime() - t;
                    covetBackupCpu[round] = since(cpu, server, false);
                }
                dump = work.resolve("dump" + round);
                long[] cpu = cpu(server, true);
                baseDump[round] = base.dump(url, SRC, dump);
                baseDumpCpu[round] = since(cpu, server, true);
                if (base.floor()) {
                    try (Database src = Database.open(on(dbUrl, SRC))) {
                        for (boolean values : new boolean[] {false, true}) {
                            cpu = cpu(server, false);
                            long t = System.nanoTime();
                            readAllRows(src, backup.tables(), values);
                            (values ? floorValues : floor)[round] = System.nanoTime() - t;
                            (values ? floorValuesCpu : floorCpu)[round] = since(cpu, server, false);
                        }
                    }
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (String db : List.of(DST_COVET, dstBase)) {
                    admin.sql("DROP DATABASE IF EXISTS " + db).execute();
                    admin.sql("CREATE DATABASE " + db).execute();
                }
                try (Database dst = Database.open(on(dbUrl, DST_COVET));
                     BackupRepository repo = BackupRepository.open(repoDir.toString())) {
                    long[] cpu = cpu(server, false);
                    long t = System.nanoTime();
                    Backups.restore(repo, backup.id(), null, dst, false);
                    covetRestore[round] = System.nanoTime() - t;
                    covetRestoreCpu[round] = since(cpu, server, false);
                }
                long[] cpu = cpu(server, true);
                baseRestore[round] = base.restore(url, dstBase, dump);
                baseRestoreCpu[round] = since(cpu, server, true);
            }

            String e = base.engine();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "RATIO backup-%s %.3f", e, (double) min(covetBackup) / min(baseDump)));
            lines.add(String.format(Locale.ROOT, "RATIO restore-%s %.3f", e,
                    (double) min(covetRestore) / min(baseRestore)));
            if (base.floor()) {
                lines.add(String.format(Locale.ROOT, "RATIO backup-%s-floor %.3f", e,
                        (double) min(floor) / min(baseDump)));
                lines.add(String.format(Locale.ROOT, "RATIO backup-%s-floor-values %.3f", e,
                        (double) min(floorValues) / min(baseDump)));
            }
            lines.add("SIZE covet=" + size(repoDir) + " " + base.dumpTool() + "=" + Files.size(dump));
            lines.add(String.format(Locale.ROOT, "# rows=%d, seconds per round: covet backup %s, %s %s, covet restore %s, "
                    + "%s %s", backup.rows(), seconds(covetBackup), base.dumpTool(), seconds(baseDump),
                    seconds(covetRestore), base.restoreTool(), seconds(baseRestore)));
            lines.add(String.format(Locale.ROOT, "# CPU seconds per round, client+server: covet backup %s, %s %s, "
                    + "covet restore %s, %s %s (client: Covet's whole JVM or the tool; server: %s)",
                    cpuSeconds(covetBackupCpu), base.dumpTool(), cpuSeconds(baseDumpCpu), cpuSeconds(covetRestoreCpu),
                    base.restoreTool(), cpuSeconds(baseRestoreCpu),
                    server > 0 ? "mariadbd pid " + server + ", every thread" : "not measured"));
            if (base.floor()) {
                lines.add(String.format(Locale.ROOT, "# floor, every row selected through the driver with fetch size "
                        + "1000 and no encoding, checksum or compression (RATIO backup-%s-floor*: best round / %s's "
                        + "best): rows received, no value read: seconds %s, CPU client+server %s; every value also "
                        + "decoded (getLong for integers, getString for the rest): seconds %s, CPU %s", e,
                        base.dumpTool(), seconds(floor), cpuSeconds(floorCpu), seconds(floorValues),
                        cpuSeconds(floorValuesCpu)));
            }
            lines.add(String.format(Locale.ROOT, "# load average %s", loadAverage()));
            lines.add(String.format(Locale.ROOT, "# first round only (cold JVM): backup %.3f, restore %.3f",
                    (double) covetBackup[0] / baseDump[0], (double) covetRestore[0] / baseRestore[0]));
            lines.add(String.format(Locale.ROOT, "# same data (loaded in %.1f s), one job each: covet --jobs %d zstd "
                    + "level %d, restore in one transaction; %s", loadNanos / 1e9, DEFAULTS.jobs(),
                    DEFAULTS.compressionLevel(), base.note()));
            for (String db : List.of(SRC, DST_COVET, dstBase)) {
                admin.sql("DROP DATABASE IF EXISTS " + db).execute();
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(work);
        }
    }

    /**
     * The least a JDBC backup of {@code tables} must do: one forward-only query per table with the fetch size
     * Covet's backup uses, each row received by the driver and, with {@code values}, each value decoded (integers
     * with {@code getLong}, the rest with {@code getString}: a backup must at least look at every value); nothing
     * is kept.
     */
    private static void readAllRows(Database db, List<String> tables, boolean values) {
        long rows = db.withConnection(c -> {
            long n = 0;
            for (String t : tables) {
                try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT * FROM " + db.dialect().quote(t),
                        java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY)) {
                    ps.setFetchSize(1000);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        int cols = values ? rs.getMetaData().getColumnCount() : 0;
                        boolean[] integer = new boolean[cols + 1];
                        for (int i = 1; i <= cols; i++) {
                            int type = rs.getMetaData().getColumnType(i);
                            integer[i] = type == java.sql.Types.BIGINT || type == java.sql.Types.INTEGER
                                    || type == java.sql.Types.SMALLINT || type == java.sql.Types.TINYINT;
                        }
                        while (rs.next()) {
                            for (int i = 1; i <= cols; i++) {
                                if (integer[i]) {
                                    rs.getLong(i);
                                } else {
                                    rs.getString(i);
                                }
                            }
                            n++;
                        }
                    }
                }
            }
            return n;
        });
        if (rows == 0) {
            throw new IllegalStateException("the floor read no rows");
        }
    }

    /** PostgreSQL: {@code pg_dump -Fc} and {@code pg_restore}, password through {@code PGPASSWORD}. */
    private static final class Postgres implements Baseline {
        private final Path bin = Path.of(System.getenv().getOrDefault("COVET_PG_BIN", "/usr/lib/postgresql/15/bin"));

        @Override
        public String engine() {
            return "pg";
        }

        @Override
        public String dumpTool() {
            return "pg_dump";
        }

        @Override
        public String restoreTool() {
            return "pg_restore";
        }

        /** A customers/orders set with typical types; generated on the server. */
        @Override
        public void load(Database db, int rows) {
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
                    + "timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, ?) g", customers, rows)
                    .execute();
            db.sql("ANALYZE").execute();
        }

        @Override
        public long dump(DatabaseUrl url, String database, Path file) {
            return time(command("pg_dump", url, database, List.of("-Fc", "-f", file.toString())), env(url), null);
        }

        @Override
        public long restore(DatabaseUrl url, String database, Path file) {
            return time(command("pg_restore", url, database, List.of(file.toString())), env(url), null);
        }

        @Override
        public String note() {
            return "pg_dump -Fc (default compression), pg_restore without -j";
        }

        private List<String> command(String tool, DatabaseUrl url, String database, List<String> args) {
            List<String> cmd = new ArrayList<>(List.of(bin.resolve(tool).toString(), "-h",
                    url.host().orElse("127.0.0.1"), "-p", String.valueOf(url.port()), "-d", database));
            url.user().ifPresent(u -> cmd.addAll(List.of("-U", u)));
            cmd.addAll(args);
            return cmd;
        }

        private static Map<String, String> env(DatabaseUrl url) {
            return url.password().map(p -> Map.of("PGPASSWORD", p)).orElse(Map.of());
        }
    }

    /**
     * MariaDB: {@code mariadb-dump --single-transaction} (its default {@code --opt}: extended inserts, keys disabled
     * during load) to a plain SQL file and the {@code mariadb} client reading it; password through {@code MYSQL_PWD}.
     */
    private static final class Mariadb implements Baseline {
        @Override
        public String engine() {
            return "mariadb";
        }

        @Override
        public String dumpTool() {
            return "mariadb-dump";
        }

        @Override
        public String restoreTool() {
            return "mariadb";
        }

        /** The same customers/orders set as on PostgreSQL, in MariaDB's types; generated on the server. */
        @Override
        public void load(Database db, int rows) {
            db.sql("CREATE TABLE customer (id BIGINT PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(64) UNIQUE, "
                    + "created TIMESTAMP NOT NULL)").execute();
            db.sql("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL, "
                    + "amount DECIMAL(12, 2) NOT NULL, status VARCHAR(16) NOT NULL, note TEXT, placed DATETIME NOT NULL, "
                    + "KEY orders_customer (customer_id), "
                    + "CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id))").execute();
            int customers = Math.max(1, rows / 10);
            // The sequence engine's table stands in for generate_series; the bound limit is a range on its key.
            db.sql("INSERT INTO customer SELECT seq, CONCAT('Customer ', seq), CONCAT('c', seq, '@example.com'), "
                    + "TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_100000000 WHERE seq <= ?",
                    customers).execute();
            db.sql("INSERT INTO orders (customer_id, amount, status, note, placed) SELECT 1 + seq % ?, "
                    + "(seq % 100000) / 100.0, ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'returned'), "
                    + "CASE WHEN seq % 3 = 0 THEN NULL ELSE CONCAT(MD5(seq), ' ', REPEAT('x', seq % 40)) END, "
                    + "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_100000000 WHERE seq <= ?",
                    customers, rows).execute();
        }

        @Override
        public long dump(DatabaseUrl url, String database, Path file) {
            return time(command("mariadb-dump", url, List.of("--single-transaction", "--result-file=" + file, database)),
                    env(url), null);
        }

        @Override
        public long restore(DatabaseUrl url, String database, Path file) {
            return time(command("mariadb", url, List.of(database)), env(url), file);
        }

        @Override
        public String note() {
            return "mariadb-dump --single-transaction (default --opt) to a file, mariadb client reading it";
        }

        @Override
        public long serverPid() {
            return ProcCpu.mariadbServer();
        }

        @Override
        public boolean floor() {
            return true;
        }

        private static List<String> command(String tool, DatabaseUrl url, List<String> args) {
            List<String> cmd = new ArrayList<>(List.of(tool, "--protocol=TCP", "-h", url.host().orElse("127.0.0.1"),
                    "-P", String.valueOf(url.port())));
            url.user().ifPresent(u -> cmd.add("--user=" + u));
            cmd.addAll(args);
            return cmd;
        }

        private static Map<String, String> env(DatabaseUrl url) {
            return url.password().map(p -> Map.of("MYSQL_PWD", p)).orElse(Map.of());
        }
    }

    private static final int ROUNDS = 2;

    private static long min(long[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    /** CPU milliseconds now: the client (this JVM, or its waited-for children when {@code tool}) and the server. */
    private static long[] cpu(long server, boolean tool) {
        return new long[] {tool ? ProcCpu.children() : ProcCpu.self(), ProcCpu.of(server)};
    }

    private static long[] since(long[] before, long server, boolean tool) {
        long[] now = cpu(server, tool);
        return new long[] {now[0] - before[0], before[1] < 0 ? -1 : now[1] - before[1]};
    }

    private static String cpuSeconds(long[][] rounds) {
        StringBuilder sb = new StringBuilder();
        for (long[] r : rounds) {
            sb.append(sb.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f+%s", r[0] / 1e3,
                    r[1] < 0 ? "?" : String.format(Locale.ROOT, "%.2f", r[1] / 1e3)));
        }
        return sb.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String seconds(long[] v) {
        StringBuilder sb = new StringBuilder();
        for (long x : v) {
            sb.append(sb.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f", x / 1e9));
        }
        return sb.toString();
    }

    /** Runs {@code cmd} (stdin from {@code input} if given) and returns its elapsed nanoseconds; fails on exit != 0. */
    private static long time(List<String> cmd, Map<String, String> env, Path input) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        String tool = Path.of(cmd.get(0)).getFileName().toString();
        try {
            long t = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(tool + " failed: " + out.strip());
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
    static String on(String dbUrl, String database) {
        int q = dbUrl.indexOf('?');
        String base = q < 0 ? dbUrl : dbUrl.substring(0, q);
        String query = q < 0 ? "" : dbUrl.substring(q);
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
