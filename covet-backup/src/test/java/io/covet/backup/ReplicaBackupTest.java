package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.replica.ReplicaConfig;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A backup read from a PostgreSQL hot standby: it holds exactly what the standby had replayed (a row written on the
 * primary while the standby's replay was paused is not in it), and restores to the primary's rows of that moment.
 * MariaDB and SQLite refuse the option.
 */
class ReplicaBackupTest {
    @TempDir
    Path dir;

    @ReplicaEngines
    void aBackupFromTheStandbyRestoresToThePrimarysRowsAsReplayed(ReplicaPair pair) throws Exception {
        DatabaseConfig config = DatabaseConfig.builder("app", pair.primaryUrl())
                .replicas(ReplicaConfig.builder().replica(pair.replicaUrl()).build()).build();
        try (Connection p = pair.primary(); Statement st = p.createStatement();
             Database db = Database.open(config); BackupRepository repo = BackupRepository.open(dir.toString())) {
            if (pair.engine() == Engine.MARIADB) {
                assertThatThrownBy(() -> Backups.create(db, repo, BackupOptions.builder().fromReplica(true).build()))
                        .isInstanceOf(UnsupportedFeature.class)
                        .hasMessageContaining("a backup from a replica is not supported by MariaDB")
                        .hasMessageContaining("back up the primary (leave --from-replica out)");
                assertThat(Backups.list(repo)).isEmpty();
                return;
            }
            st.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
            st.execute("CREATE TABLE tag (id INT PRIMARY KEY, item_id INT NOT NULL REFERENCES item (id))");
            try (PreparedStatement ins = p.prepareStatement("INSERT INTO item (id, name) VALUES (?, ?)")) {
                for (int i = 1; i <= 500; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "item " + i);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            st.execute("INSERT INTO tag (id, item_id) SELECT id, id FROM item WHERE id % 7 = 0");
            pair.control().awaitCaughtUp(Duration.ofSeconds(60));
            List<String> before = rows(db);
            BackupInfo b;
            pair.control().pauseReplay();
            try {
                st.execute("INSERT INTO item (id, name) VALUES (501, 'after the pause')");
                st.execute("INSERT INTO tag (id, item_id) VALUES (501, 501)");
                b = Backups.create(db, repo, BackupOptions.builder().fromReplica(true).build());
            } finally {
                pair.control().resumeReplay();
            }
            assertThat(b.rows()).isEqualTo(500 + 71);
            assertThat(rows(db)).hasSize(before.size() + 2);
            try (Database restored = Database.open("sqlite:" + dir.resolve("restored.db"))) {
                Backups.restore(repo, b.id(), null, restored, false);
                assertThat(rows(restored)).isEqualTo(before);
            }
        }
    }

    /** Every row of both tables, as text, read on the primary (never routed to a replica). */
    private static List<String> rows(Database db) {
        List<String> out = new java.util.ArrayList<>(db.sql("SELECT id, name FROM item ORDER BY id").onPrimary()
                .list(rs -> "item " + rs.getInt(1) + " " + rs.getString(2)));
        out.addAll(db.sql("SELECT id, item_id FROM tag ORDER BY id").onPrimary()
                .list(rs -> "tag " + rs.getInt(1) + " " + rs.getInt(2)));
        return out;
    }

    @Test
    void sqliteRefusesABackupFromAReplica() throws Exception {
        try (Database db = Database.open("sqlite:" + dir.resolve("a.db"));
             BackupRepository repo = BackupRepository.open(dir.resolve("repo").toString())) {
            db.sql("CREATE TABLE t (id INT PRIMARY KEY)").execute();
            assertThatThrownBy(() -> Backups.create(db, repo, BackupOptions.builder().fromReplica(true).build()))
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessageContaining("a backup from a replica is not supported by SQLite")
                    .hasMessageContaining("SQLite has no replicas");
        }
    }

    @ReplicaEngines
    void aDatabaseWithoutReplicasIsToldSo(ReplicaPair pair) throws Exception {
        if (pair.engine() != Engine.POSTGRESQL) {
            return; // MariaDB refuses the option whatever its replicas (above)
        }
        try (Database db = Database.open(pair.primaryUrl());
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            assertThatThrownBy(() -> Backups.create(db, repo, BackupOptions.builder().fromReplica(true).build()))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("database '")
                    .hasMessageContaining("has no replicas to back up from")
                    .hasMessageContaining("nothing was written");
        }
    }
}
