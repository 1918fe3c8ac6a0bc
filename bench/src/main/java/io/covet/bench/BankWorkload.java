package io.covet.bench;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.engine.Engine;
import io.covet.core.tx.Isolation;
import io.covet.core.tx.RetryPolicy;
import io.covet.core.tx.TxOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jepsen's bank workload as a benchmark ({@code bench/run bank}): writer threads move random amounts between
 * random accounts, each transfer one serializable {@code atomic} block retried on the engine's "try again"
 * errors, while two reader threads check, in one snapshot each, that the total is unchanged and no balance is
 * negative. At the end every committed transfer must be in the ledger exactly once (its id is made by the client
 * before the first attempt) and the balances must replay from the ledger. Any violation is an anomaly.
 *
 * <p>Uses (and drops afterwards) the tables {@code covet_bank_account} and {@code covet_bank_ledger}.
 */
public final class BankWorkload {
    private static final int ACCOUNTS = 20;
    private static final long INITIAL = 1_000;
    private static final int READERS = 2;

    private BankWorkload() {
    }

    /**
     * Runs the workload and returns its summary line.
     *
     * @param db        the database to run on
     * @param threads   writer threads (16 for the full run, 4 for a quick one)
     * @param transfers transfers in total, shared among the writers (20,000 for the full run, 2,000 quick)
     * @return {@code BANK <engine> transfers=<committed> retries=<n> anomalies=<n>}; a transfer that still fails
     *         after every retry is not counted as committed and is reported on standard error
     */
    public static String run(Database db, int threads, int transfers) {
        setUp(db);
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicLong retries = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        List<String> anomalies = new ArrayList<>();
        TxOptions transfer = TxOptions.builder().name("bank_transfer").isolation(Isolation.SERIALIZABLE)
                .retry(RetryPolicy.builder().maxAttempts(100).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(50)).build()).build();
        TxOptions audit = TxOptions.builder().name("bank_audit").readOnly()
                .isolation(db.engine() == Engine.SQLITE ? Isolation.SERIALIZABLE : Isolation.REPEATABLE_READ)
                .retry(RetryPolicy.builder().maxAttempts(100).build()).build();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads + READERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int share = transfers / threads + (w < transfers % threads ? 1 : 0);
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        transferOnce(db, transfer, committed, retries, failed);
                    }
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        Row row = db.atomic(audit, tx -> db.sql("SELECT SUM(balance) AS total, MIN(balance) AS low "
                                + "FROM covet_bank_account").list().get(0));
                        if (row.getLong("total") != ACCOUNTS * INITIAL || row.getLong("low") < 0) {
                            synchronized (anomalies) {
                                anomalies.add("read total=" + row.getLong("total") + " min=" + row.getLong("low"));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the bank workload failed: " + e, e);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        checkLedger(db, committed, anomalies);
        tearDown(db);
        if (failed.get() > 0) {
            System.err.println("bank: " + failed.get() + " transfer(s) failed after every retry");
        }
        anomalies.stream().limit(10).forEach(a -> System.err.println("bank anomaly: " + a));
        return "BANK " + db.engine().scheme() + " transfers=" + committed.size() + " retries=" + retries.get()
                + " anomalies=" + anomalies.size();
    }

    private static void transferOnce(Database db, TxOptions options, Set<String> committed, AtomicLong retries,
                                     AtomicInteger failed) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int from = rnd.nextInt(ACCOUNTS);
        int to = (from + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        long amount = 1 + rnd.nextInt(50);
        String id = UUID.randomUUID().toString();
        AtomicInteger attempts = new AtomicInteger();
        try {
            db.atomicRun(options, tx -> {
                attempts.set(tx.attempt());
                Map<Integer, Long> balance = new HashMap<>();
                db.sql("SELECT id, balance FROM covet_bank_account WHERE id IN (?, ?)", from, to)
                        .list(rs -> balance.put(rs.getInt(1), rs.getLong(2)));
                if (balance.get(from) < amount) {
                    return; // insufficient funds: a transfer that moves nothing, still committed
                }
                db.sql("UPDATE covet_bank_account SET balance = ? WHERE id = ?", balance.get(from) - amount, from)
                        .execute();
                db.sql("UPDATE covet_bank_account SET balance = ? WHERE id = ?", balance.get(to) + amount, to)
                        .execute();
                db.sql("INSERT INTO covet_bank_ledger (id, src, dst, amount) VALUES (?, ?, ?, ?)", id, from, to,
                        amount).execute();
            });
            committed.add(id);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        } finally {
            retries.addAndGet(Math.max(0, attempts.get() - 1));
        }
    }

    private static void setUp(Database db) {
        tearDown(db);
        db.sql("CREATE TABLE covet_bank_account (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)").execute();
        db.sql("CREATE TABLE covet_bank_ledger (id VARCHAR(36) PRIMARY KEY, src INTEGER NOT NULL, "
                + "dst INTEGER NOT NULL, amount BIGINT NOT NULL)").execute();
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            rows.add(List.of(i, INITIAL));
        }
        db.batch("INSERT INTO covet_bank_account (id, balance) VALUES (?, ?)", rows);
    }

    private static void tearDown(Database db) {
        db.sql("DROP TABLE IF EXISTS covet_bank_ledger").execute();
        db.sql("DROP TABLE IF EXISTS covet_bank_account").execute();
    }

    /**
     * Committed ids that moved money must each be in the ledger once; the ledger may hold nothing else; balances
     * must replay from it. (Transfers that found too little money commit without a ledger row.)
     */
    private static void checkLedger(Database db, Set<String> committed, List<String> anomalies) {
        Map<Integer, Long> replay = new HashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            replay.put(i, INITIAL);
        }
        Set<String> seen = new HashSet<>();
        for (Row r : db.sql("SELECT id, src, dst, amount FROM covet_bank_ledger").list()) {
            String id = r.getString("id");
            if (!seen.add(id) || !committed.contains(id)) {
                anomalies.add("ledger entry " + id + " is duplicated or was never reported committed");
            }
            replay.merge((int) r.getLong("src"), -r.getLong("amount"), Long::sum);
            replay.merge((int) r.getLong("dst"), r.getLong("amount"), Long::sum);
        }
        for (Row r : db.sql("SELECT id, balance FROM covet_bank_account").list()) {
            long expected = replay.get((int) r.getLong("id"));
            if (r.getLong("balance") != expected) {
                anomalies.add("account " + r.getLong("id") + " holds " + r.getLong("balance") + ", the ledger says "
                        + expected);
            }
            if (r.getLong("balance") < 0) {
                anomalies.add("account " + r.getLong("id") + " is negative");
            }
        }
    }

    /** {@code BankWorkload <covet-url> [threads] [transfers]}: runs once and prints the summary line. */
    public static void main(String[] args) {
        try (Database db = Database.open(args[0])) {
            int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
            int transfers = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
            long start = System.nanoTime();
            System.out.println(run(db, threads, transfers));
            System.err.printf("bank: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }
}
