package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Chinook sample database crosses engines: SQLite → PostgreSQL and PostgreSQL → SQLite, checksums intact. */
class ChinookCrossEngineTest {
    static final Path CHINOOK = io.covet.testing.Datasets.chinook();

    @TempDir
    Path dir;

    @Test
    void sqliteChinookRestoresIntoPostgresql() throws Exception {
        Path copy = dir.resolve("chinook.sqlite");
        Files.copy(CHINOOK.resolve("Chinook_Sqlite.sqlite"), copy, StandardCopyOption.REPLACE_EXISTING);
        try (Database src = Database.open("sqlite:" + copy); BackupRepository repo = BackupRepository.open(dir.resolve("repo").toString());
             Scratch pg = Scratch.on(Engine.POSTGRESQL); Scratch verifyInto = Scratch.on(Engine.POSTGRESQL)) {
            Map<String, Long> counts = counts(src);
            BackupKey key = BackupKey.generate();
            BackupInfo b = Backups.create(src, repo, BackupOptions.builder().key(key).build());
            assertThat(b.tables()).hasSize(11);
            RestoreReport r = Backups.restore(repo, b.id(), key, pg.db(), false);
            assertThat(r.rows()).isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
            assertThat(counts(pg.db())).isEqualTo(counts);
            assertThat(pg.db().sql("SELECT SUM(\"Total\") FROM \"Invoice\"").list(rs -> rs.getBigDecimal(1).toPlainString()))
                    .containsExactly("2328.60");
            // the same backup verified through PostgreSQL as scratch database
            assertThat(Backups.verify(repo, b.id(), key, VerifyReport.Mode.RESTORE, verifyInto.url()).problems()).isEmpty();
        }
    }

    @Test
    void sqliteChinookRestoresIntoMariadbThroughAStagingDatabase() throws Exception {
        Path copy = dir.resolve("chinook.sqlite");
        Files.copy(CHINOOK.resolve("Chinook_Sqlite.sqlite"), copy, StandardCopyOption.REPLACE_EXISTING);
        try (Database src = Database.open("sqlite:" + copy); BackupRepository repo = BackupRepository.open(dir.resolve("repo").toString());
             Scratch maria = Scratch.on(Engine.MARIADB)) {
            BackupInfo b = Backups.create(src, repo, BackupOptions.defaults());
            Backups.restore(repo, b.id(), null, maria.db(), false);
            assertThat(counts(maria.db())).isEqualTo(counts(src));
            // foreign keys followed the tables out of the staging database
            assertThat(maria.db().sql("SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS "
                    + "WHERE CONSTRAINT_SCHEMA = DATABASE() AND UNIQUE_CONSTRAINT_SCHEMA = DATABASE()")
                    .list(rs -> rs.getInt(1))).containsExactly(11);
        }
    }

    @Test
    void postgresqlChinookRestoresIntoSqlite() throws Exception {
        try (Scratch pg = Scratch.on(Engine.POSTGRESQL); BackupRepository repo = BackupRepository.open(dir.resolve("repo").toString())) {
            try (Connection c = pg.rawConnection(); Statement st = c.createStatement()) {
                for (String sql : io.covet.testing.Datasets.chinookScript("Chinook_PostgreSql.sql")) {
                    st.execute(sql);
                }
            }
            Database src = pg.db();
            Map<String, Long> counts = counts(src);
            BackupInfo b = Backups.create(src, repo, BackupOptions.builder().jobs(3).build());
            try (Database sqlite = Database.open("sqlite:" + dir.resolve("restored.db"))) {
                Backups.restore(repo, b.id(), null, sqlite, false);
                assertThat(counts(sqlite)).isEqualTo(counts);
                assertThat(sqlite.sql("SELECT COUNT(*) FROM invoice_line l JOIN track t ON t.track_id = l.track_id")
                        .list(rs -> rs.getLong(1))).containsExactly(counts.get("invoice_line"));
                assertThat(sqlite.sql("SELECT invoice_date FROM invoice WHERE invoice_id = 1").list(rs -> rs.getString(1)))
                        .containsExactly("2021-01-01 00:00:00");
            }
        }
    }

    private static Map<String, Long> counts(Database db) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> tables = db.withConnection(c -> new io.covet.backup.internal.SchemaReader(c, db.engine()).tableNames());
        for (String t : tables) {
            out.put(t, db.sql("SELECT COUNT(*) FROM " + db.dialect().quote(t)).list(rs -> rs.getLong(1)).get(0));
        }
        return out;
    }
}
