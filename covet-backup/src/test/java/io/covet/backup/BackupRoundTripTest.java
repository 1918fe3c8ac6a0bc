package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.error.IntegrityViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupRoundTripTest {
    @TempDir
    Path dir;

    @AllEngines
    void encryptedBackupRestoresIdenticalDataKeysAndCounters(Scratch s) throws Exception {
        Database db = s.db();
        Shop.create(db);
        Shop.fill(db, 40);
        BackupKey key = BackupKey.generate();
        try (BackupRepository repo = BackupRepository.open(dir.toString());
             Scratch target = Scratch.on(s.engine())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.builder().key(key).chunkBytes(64 << 10).build());
            assertThat(b.rows()).isEqualTo(40 + 80);
            assertThat(b.tables()).containsExactly("customer", "orders");
            assertThat(Backups.list(repo)).extracting(BackupInfo::id).containsExactly(b.id());

            // The manifest documents the schema but never holds the key.
            String manifest = Files.readString(dir.resolve("backups/" + b.id() + "/manifest.json"));
            assertThat(manifest).contains("\"AES-256-GCM\"", "\"zstd\"", "orders_by_customer", "\"email\"")
                    .doesNotContain(key.toHex());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("Customer 7");
                }
            }

            assertThat(Backups.verify(repo, b.id(), key, VerifyReport.Mode.FAST).intact()).isTrue();
            VerifyReport full = Backups.verify(repo, b.id(), key, VerifyReport.Mode.RESTORE);
            assertThat(full.problems()).isEmpty();
            assertThat(full.rows()).isEqualTo(120);

            RestoreReport r = Backups.restore(repo, b.id(), key, target.db(), false);
            assertThat(r.rows()).isEqualTo(120);
            assertThat(Shop.snapshot(target.db())).isEqualTo(Shop.snapshot(db));

            // Counters continue after the deleted row's id, as on the source.
            List<Long> next = target.db().sql("INSERT INTO customer (name, active) VALUES ('new', TRUE)")
                    .executeReturningKeys("id").stream().map(row -> ((Number) row.get(0)).longValue()).toList();
            assertThat(next).containsExactly(42L);
            // The unique constraint and the foreign key came back.
            assertThatThrownBy(() -> target.db().sql("INSERT INTO customer (name, email, active) VALUES ('x', 'c1@example.com', TRUE)").execute())
                    .isInstanceOf(IntegrityViolation.class);
            assertThatThrownBy(() -> target.db().sql("INSERT INTO orders (id, customer_id) VALUES (999, 9999)").execute())
                    .isInstanceOf(IntegrityViolation.class);
        }
    }

    /**
     * SQLite keeps a timestamp as the text that wrote it; a restore into SQLite writes its own formats back:
     * {@code datetime()}'s whole seconds and {@code strftime('%f')}'s three fraction digits (a trailing zero
     * included, which the archive's value form drops), finer fractions with their significant digits.
     */
    @org.junit.jupiter.api.Test
    void sqliteTimestampsComeBackAsTheTextSqliteWrote() throws Exception {
        try (Scratch s = Scratch.on(io.covet.core.engine.Engine.SQLITE);
             Scratch target = Scratch.on(io.covet.core.engine.Engine.SQLITE);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = s.db();
            db.sql("CREATE TABLE stamp (id INTEGER PRIMARY KEY, at TIMESTAMP)").execute();
            List<String> written = List.of("2024-05-01 10:00:00", "2024-05-01 10:00:00.630", "2024-05-01 10:00:00.100",
                    "2024-05-01 10:00:00.123", "2024-05-01 10:00:00.123456");
            for (int i = 0; i < written.size(); i++) {
                db.sql("INSERT INTO stamp VALUES (?, ?)", i, written.get(i)).execute();
            }
            db.sql("INSERT INTO stamp VALUES (99, strftime('%Y-%m-%d %H:%M:%f', '2024-05-01 10:00:00.25'))").execute();
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            Backups.restore(repo, b.id(), null, target.db(), false);
            String query = "SELECT at FROM stamp ORDER BY id";
            assertThat(target.db().sql(query).list(rs -> rs.getString(1)))
                    .isEqualTo(db.sql(query).list(rs -> rs.getString(1)))
                    .contains("2024-05-01 10:00:00.630", "2024-05-01 10:00:00.250");
        }
    }

    @org.junit.jupiter.api.Test
    void wideDecimalsAndTimestampsWithZoneSurviveTheTestRestoreIntoSqlite() throws Exception {
        try (Scratch s = Scratch.on(io.covet.core.engine.Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = s.db();
            db.sql("CREATE TABLE ledger (id INT PRIMARY KEY, exact NUMERIC(30, 10), free NUMERIC, at TIMESTAMPTZ, "
                    + "tags TEXT[])").execute();
            db.sql("INSERT INTO ledger VALUES (1, 12345678901234567890.0123456789, 98765432109876543210.5, "
                    + "'2026-11-27 05:30:00.123456+02', '{a,b}'), (2, 0.1, 1e-20, NULL, NULL)").execute();
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            assertThat(Backups.verify(repo, b.id(), null, VerifyReport.Mode.RESTORE).problems()).isEmpty();
            try (Database sqlite = Database.open("sqlite:" + dir.resolve("wide.db"))) {
                Backups.restore(repo, b.id(), null, sqlite, false);
                assertThat(sqlite.sql("SELECT exact, free, at, tags FROM ledger WHERE id = 1")
                        .list(rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)))
                        .containsExactly("12345678901234567890.0123456789 98765432109876543210.5 "
                                + "2026-11-27T03:30:00.123456Z {a,b}");
            }
        }
    }

    @AllEngines
    void restoreIntoNonEmptyTargetIsRefusedUnlessClean(Scratch s) throws Exception {
        Database db = s.db();
        Shop.create(db);
        Shop.fill(db, 5);
        try (BackupRepository repo = BackupRepository.open(dir.toString())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            db.sql("DELETE FROM orders WHERE id > 2").execute();
            List<String> before = Shop.snapshot(db);

            assertThatThrownBy(() -> Backups.restore(repo, b.id(), null, db, false))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("--clean")
                    .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(BackupException.Reason.TARGET_NOT_EMPTY));
            assertThat(Shop.snapshot(db)).isEqualTo(before);

            Backups.restore(repo, b.id(), null, db, true);
            assertThat(db.sql("SELECT COUNT(*) FROM orders").list(rs -> rs.getLong(1))).containsExactly(10L);
        }
    }
}
