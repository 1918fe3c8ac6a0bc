package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --skip} on MariaDB and SQLite: a named table (with its triggers), view, trigger or routine stays out of
 * the backup, the backup and its restore say so, and everything else restores; a name that is no object is
 * refused before anything is written.
 */
class SkipObjectsTest {
    @TempDir
    Path dir;

    /** item (with trigger item_audit into audit), scratch (with trigger scratch_touch), view live_item, on MariaDB a function. */
    private static void create(Database db) {
        NativeObjectsTest.create(db);
        db.sql("CREATE TABLE scratch (id INTEGER PRIMARY KEY, note VARCHAR(20))").execute();
        db.sql("INSERT INTO scratch VALUES (1, 'x')").execute();
        if (db.engine().family() == Engine.MARIADB) {
            db.sql("CREATE TRIGGER scratch_touch BEFORE INSERT ON scratch FOR EACH ROW SET NEW.note = UPPER(NEW.note)")
                    .execute();
            db.sql("CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2").execute();
        } else {
            db.sql("CREATE TRIGGER scratch_touch AFTER INSERT ON scratch BEGIN "
                    + "UPDATE scratch SET note = upper(note) WHERE id = NEW.id; END").execute();
            db.sql("CREATE INDEX scratch_note ON scratch (note)").execute();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "SQLITE"})
    void namedObjectsStayOutAndTheBackupAndItsRestoreSaySo(Engine engine) throws Exception {
        try (Scratch src = Scratch.on(engine); Scratch dst = Scratch.on(engine);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            create(src.db());
            List<String> skip = new ArrayList<>(List.of("scratch", "live_item"));
            if (engine == Engine.MARIADB) {
                skip.add("twice");
            }
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.builder().skip(skip).build());
            assertThat(b.tables()).containsExactlyInAnyOrder("item", "audit");
            assertThat(b.notCarried()).contains("table scratch (left out on request)",
                    "view live_item (left out on request)", "trigger scratch_touch (left out on request)");
            if (engine == Engine.MARIADB) {
                assertThat(b.notCarried()).contains("function twice (left out on request)");
            } else {
                assertThat(b.notCarried()).contains("index scratch_note (left out on request)");
            }
            assertThat(Backups.verify(repo, b.id(), null, VerifyReport.Mode.FAST).intact()).isTrue();

            List<String> log = new ArrayList<>();
            RestoreReport r = Backups.restore(repo, b.id(), null, dst.db(),
                    RestoreOptions.builder().log(log::add).build());
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w)
                    .startsWith("left out of this backup when it was taken (--skip): ")
                    .contains("table scratch", "view live_item", "trigger scratch_touch"));
            assertThat(NativeObjectsTest.count(dst.db(), "item")).isEqualTo(3);
            // what was not skipped still works: the trigger on item writes to audit
            NativeObjectsTest.insert(dst.db(), 4, "Shelf", "10.00", false);
            assertThat(NativeObjectsTest.count(dst.db(), "audit")).isEqualTo(4);
            String objects = engine == Engine.MARIADB
                    ? "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                    + "UNION ALL SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() "
                    + "UNION ALL SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"
                    : "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'";
            assertThat(dst.db().sql(objects).list(rs -> rs.getString(1)))
                    .contains("item", "audit", "item_audit")
                    .doesNotContain("scratch", "live_item", "scratch_touch", "twice", "scratch_note");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "SQLITE"})
    void aNameThatIsNoObjectIsRefusedBeforeAnythingIsWritten(Engine engine) throws Exception {
        try (Scratch src = Scratch.on(engine); BackupRepository repo = BackupRepository.open(dir.toString())) {
            create(src.db());
            assertThatThrownBy(() -> Backups.create(src.db(), repo, BackupOptions.builder()
                    .skip(List.of("scratch", "nope")).build()))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("--skip names no table, view, trigger, routine or event of this database: nope")
                    .hasMessageContaining("nothing was written");
            assertThat(Backups.list(repo)).isEmpty();
            try (var files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile).filter(p -> p.toString().contains("backups/")))
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"MARIADB", "SQLITE"})
    void aTableThatAKeptViewOrForeignKeyNeedsIsRefusedBeforeAnythingIsWritten(Engine engine) throws Exception {
        try (Scratch src = Scratch.on(engine); BackupRepository repo = BackupRepository.open(dir.toString())) {
            create(src.db());
            src.db().sql("CREATE TABLE scratch_memo (id INTEGER PRIMARY KEY, scratch_id INTEGER REFERENCES scratch (id))")
                    .execute();
            assertThatThrownBy(() -> Backups.create(src.db(), repo, BackupOptions.builder().skip(List.of("item")).build()))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("could not be restored into an empty database: view live_item reads table item")
                    .hasMessageContaining("leave these out too with --skip")
                    .hasMessageContaining("nothing was written");
            assertThatThrownBy(() -> Backups.create(src.db(), repo, BackupOptions.builder().skip(List.of("scratch"))
                    .build()))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("table scratch_memo has a foreign key to table scratch");
            assertThat(Backups.list(repo)).isEmpty();
            // Leaving out the dependents too is a backup that restores.
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.builder()
                    .skip(List.of("item", "live_item", "scratch", "scratch_memo")).build());
            assertThat(b.tables()).containsExactly("audit");
        }
    }
}
