package io.covet.backup;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers run while the backup reads; the restored data must be one instant: the total balance is constant and
 * the per-account move counters agree with the transfer log, across two tables.
 */
class ConsistentSnapshotTest {
    static final int ACCOUNTS = 3000;

    @TempDir
    Path dir;

    @AllEngines
    void backupTakenDuringTransfersRestoresOneInstant(Scratch s) throws Exception {
        Database db = s.db();
        db.sql("CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL, moves BIGINT NOT NULL, "
                + "pad VARCHAR(200))").execute();
        db.sql("CREATE TABLE transfer_log (id INT PRIMARY KEY, amount BIGINT NOT NULL)").execute();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            rows.add(new Object[]{i, 100L, 0L, "x".repeat(150)});
        }
        db.bulkLoad("account", List.of("id", "balance", "moves", "pad"), rows);

        Database writerDb = s.open(b -> b);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong transfers = new AtomicLong();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                int a = ThreadLocalRandom.current().nextInt(ACCOUNTS);
                int b = (a + 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + ThreadLocalRandom.current().nextInt(20);
                long n = transfers.get() + 1;
                writerDb.withConnection(c -> {
                    c.setAutoCommit(false);
                    try (PreparedStatement minus = c.prepareStatement("UPDATE account SET balance = balance - ?, moves = moves + 1 WHERE id = ?");
                         PreparedStatement plus = c.prepareStatement("UPDATE account SET balance = balance + ?, moves = moves + 1 WHERE id = ?");
                         PreparedStatement log = c.prepareStatement("INSERT INTO transfer_log (id, amount) VALUES (?, ?)")) {
                        minus.setLong(1, amount);
                        minus.setInt(2, a);
                        minus.executeUpdate();
                        plus.setLong(1, amount);
                        plus.setInt(2, b);
                        plus.executeUpdate();
                        log.setLong(1, n);
                        log.setLong(2, amount);
                        log.executeUpdate();
                        c.commit();
                    } catch (Exception e) {
                        c.rollback();
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                    return null;
                });
                transfers.incrementAndGet();
            }
        }, "transfers");
        writer.start();
        BackupInfo b;
        long during;
        try (BackupRepository repo = BackupRepository.open(dir.toString())) {
            while (transfers.get() < 20) {
                Thread.sleep(5);
            }
            long before = transfers.get();
            b = Backups.create(db, repo, BackupOptions.builder().chunkBytes(64 << 10)
                    .listener((t, i, n, r) -> sleep()).build());
            during = transfers.get() - before;
            stop.set(true);
            writer.join();

            try (Database restored = Database.open("sqlite:" + dir.resolve("restored.db"))) {
                Backups.restore(repo, b.id(), null, restored, false);
                assertThat(restored.sql("SELECT SUM(balance) FROM account").list(rs -> rs.getLong(1)))
                        .containsExactly(100L * ACCOUNTS);
                long logged = restored.sql("SELECT COUNT(*) FROM transfer_log").list(rs -> rs.getLong(1)).get(0);
                assertThat(restored.sql("SELECT SUM(moves) FROM account").list(rs -> rs.getLong(1)))
                        .containsExactly(2 * logged);
                assertThat(logged).isPositive().isLessThan(transfers.get());
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(during).as("transfers committed while the backup ran").isPositive();
    }

    /** Slows the dump a little at every chunk so the writer surely commits while tables are being read. */
    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
