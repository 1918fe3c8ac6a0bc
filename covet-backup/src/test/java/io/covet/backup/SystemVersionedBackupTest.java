package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A MariaDB table {@code WITH SYSTEM VERSIONING} (what {@code @History(capture = SYSTEM_VERSIONING)} migrates to):
 * a backup carries its current rows and its definition, so the restore recreates it versioned with the same rows;
 * its history rows are not carried (the restored table's history starts at the restore). MariaDB only: the other
 * engines have no system versioning.
 */
class SystemVersionedBackupTest {
    @TempDir
    Path dir;

    private static List<String> rows(Database db, String sql) {
        return db.sql(sql).list().stream().map(r -> r.get(0) + " " + r.get(1)).toList();
    }

    private static String tableType(Database db) {
        return db.sql("SELECT TABLE_TYPE AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                + "TABLE_NAME = 'fund'").list().get(0).getString("t");
    }

    @Test
    void currentRowsAndTheVersioningComeBack() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.MARIADB); FreshDatabase dst = new FreshDatabase(Engine.MARIADB);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database s = src.db();
            s.sql("CREATE TABLE fund (id BIGINT NOT NULL PRIMARY KEY, owner VARCHAR(40) NOT NULL, balance INT NOT NULL, "
                    + "row_start TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE, "
                    + "row_end TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE, "
                    + "PERIOD FOR SYSTEM_TIME (row_start, row_end)) WITH SYSTEM VERSIONING").execute();
            s.sql("INSERT INTO fund (id, owner, balance) VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cy', 30)")
                    .execute();
            s.sql("UPDATE fund SET balance = balance + 1 WHERE id < 3").execute();
            s.sql("DELETE FROM fund WHERE id = 3").execute();
            assertThat(s.sql("SELECT COUNT(*) FROM fund FOR SYSTEM_TIME ALL").list().get(0).get(0).toString())
                    .isEqualTo("5");

            BackupInfo b = Backups.create(s, repo, BackupOptions.defaults());
            RestoreReport r = Backups.restore(repo, b.id(), null, dst.db(), RestoreOptions.builder().build());
            assertThat(r.warnings()).isEmpty();

            Database d = dst.db();
            assertThat(tableType(d)).isEqualTo("SYSTEM VERSIONED");
            String current = "SELECT owner, balance FROM fund ORDER BY id";
            assertThat(rows(d, current)).containsExactly("ann 11", "bob 21").isEqualTo(rows(s, current));
            // the history rows are not carried: each restored row is one current version
            assertThat(rows(d, "SELECT owner, balance FROM fund FOR SYSTEM_TIME ALL ORDER BY id"))
                    .containsExactly("ann 11", "bob 21");
            d.sql("UPDATE fund SET balance = 0 WHERE id = 1").execute();
            assertThat(d.sql("SELECT COUNT(*) FROM fund FOR SYSTEM_TIME ALL").list().get(0).get(0).toString())
                    .isEqualTo("3"); // still versioned after the restore
        }
    }
}
