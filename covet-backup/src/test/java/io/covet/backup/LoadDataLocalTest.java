package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Restores into MariaDB stream rows as {@code LOAD DATA LOCAL INFILE} text: every byte and character survives the
 * text form, a value the server would change fails the restore instead of passing as a warning, and a server
 * that refuses {@code LOCAL} gets INSERTs.
 */
class LoadDataLocalTest {
    @TempDir
    Path dir;

    /** Values whose text form needs care: separators and escapes inside values, every byte, limits, NULLs. */
    private static void create(Database db) {
        db.sql("CREATE TABLE odd (id INT PRIMARY KEY, txt TEXT, bin VARBINARY(300), blb BLOB, dec1 DECIMAL(12,2), "
                + "dec2 DECIMAL(38,10), big BIGINT, dbl DOUBLE, flt FLOAT, d DATE, dt DATETIME(6), ts TIMESTAMP(3) NULL, "
                + "t TIME(6), b BIT(10), e ENUM('a','b c'), st SET('x','y'), j JSON, y YEAR, flag BOOLEAN, "
                + "ch CHAR(5), g POINT, u TINYINT UNSIGNED, ub BIGINT UNSIGNED)").execute();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            all.append(String.format("%02X", i));
        }
        db.sql("INSERT INTO odd VALUES (1, 'tab\\there\\nnewline \\\\ back \\\\N not null \\0 nul 😀 ünï', "
                + "UNHEX('" + all + "'), UNHEX('5C4E095C0A00'), -0.05, 12345678901234567890.0123456789, "
                + "-9223372036854775808, 1.0E-300, 0.1, '0001-01-01', '9999-12-31 23:59:59.999999', "
                + "'2024-02-29 12:00:00.5', '23:59:59.123456', b'1010101010', 'b c', 'x,y', '{\"k\": \"v\\\\tw\"}', 1901, "
                + "TRUE, 'ab', ST_GeomFromText('POINT(1.5 -2)'), 255, 18446744073709551615)").execute();
        db.sql("INSERT INTO odd (id, txt, dec1, dec2, big, d, dt) VALUES (2, '\\\\N', 0.00, -0.0000000001, "
                + "9223372036854775807, '1000-01-01', '1970-01-01 00:00:00')").execute();
        db.sql("INSERT INTO odd (id) VALUES (3)").execute();
        db.sql("INSERT INTO odd (id, txt, bin) VALUES (4, '', '')").execute();
    }

    private static List<String> rows(Database db) {
        return db.sql("SELECT id, HEX(txt), HEX(bin), HEX(blb), dec1, dec2, big, dbl, flt, d, dt, ts, t, HEX(b), e, "
                + "st, j, y, flag, ch, ST_AsText(g), u, ub FROM odd ORDER BY id").list(rs -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= 23; i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                    return sb.toString();
                });
    }

    @Test
    void everyValueSurvivesTheTextFormAndVerifyComparesIt() throws Exception {
        try (Scratch src = Scratch.on(Engine.MARIADB); Scratch dst = Scratch.on(Engine.MARIADB);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            create(src.db());
            assertThat(dst.db().supports(Feature.LOAD_DATA_LOCAL)).isTrue();
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.defaults());
            RestoreReport r = Backups.restore(repo, b.id(), null, dst.db(), false);
            assertThat(r.rows()).isEqualTo(4);
            assertThat(rows(dst.db())).isEqualTo(rows(src.db()));
            VerifyReport v = Backups.verifyByRestore(repo, b.id(), null, src.db());
            assertThat(v.problems()).isEmpty();
            assertThat(v.restored()).isTrue();
        }
    }

    @Test
    void aValueTheServerWouldChangeFailsTheRestoreAndLeavesNothing() throws Exception {
        try (Scratch src = Scratch.on(Engine.SQLITE); Scratch dst = Scratch.on(Engine.MARIADB);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            // SQLite keeps text in an INTEGER column; MariaDB's LOAD DATA would store 0 with a warning
            src.db().sql("CREATE TABLE n (id INTEGER PRIMARY KEY, qty INTEGER)").execute();
            src.db().sql("INSERT INTO n VALUES (1, 5), (2, 'many')").execute();
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.defaults());
            assertThatThrownBy(() -> Backups.restore(repo, b.id(), null, dst.db(), false))
                    .hasMessageContaining("qty");
            assertThat(dst.db().sql("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
                    .list(rs -> rs.getLong(1))).containsExactly(0L);
        }
    }

    @Test
    void aServerThatRefusesLocalGetsInsertsAndSaysSoInItsFeatures() throws Exception {
        try (Scratch src = Scratch.on(Engine.MARIADB); Scratch dst = Scratch.on(Engine.MARIADB);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            create(src.db());
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.defaults());
            Database target = dst.db(); // probed while LOCAL is allowed: it will try LOAD DATA and be refused
            assertThat(target.supports(Feature.LOAD_DATA_LOCAL)).isTrue();
            src.db().sql("SET GLOBAL local_infile = 0").execute();
            try {
                try (Database late = dst.open(c -> c)) {
                    assertThat(late.supports(Feature.LOAD_DATA_LOCAL)).isFalse();
                }
                RestoreReport r = Backups.restore(repo, b.id(), null, target, false);
                assertThat(r.rows()).isEqualTo(4);
                assertThat(rows(target)).isEqualTo(rows(src.db()));
            } finally {
                src.db().sql("SET GLOBAL local_infile = 1").execute();
            }
        }
    }
}
