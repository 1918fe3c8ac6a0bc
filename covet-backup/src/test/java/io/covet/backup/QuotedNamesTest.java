package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names the engine accepted are backed up and restored exactly, quoted by the engine's rules (the quote character
 * doubled), never refused: the engine's own quote character, the other quote characters, mixed case, reserved
 * words and non-ASCII letters.
 */
class QuotedNamesTest {
    @TempDir
    Path dir;

    @AllEngines
    void namesHoldingTheQuoteCharacterRoundTrip(Scratch s) throws Exception {
        Database db = s.db();
        boolean maria = s.engine().family() == Engine.MARIADB;
        char q = maria ? '`' : '"';
        // table: he said "hi" / he said `hi`; column: a"b / a`b; a reserved word; mixed case; non-ASCII
        String table = "he said " + q + "hi" + q;
        String column = "a" + q + "b";
        String parent = "Order's";
        db.sql("CREATE TABLE " + quote(q, parent) + " (" + quote(q, "select") + " INTEGER PRIMARY KEY, "
                + quote(q, "Größe") + " VARCHAR(20))").execute();
        db.sql("CREATE TABLE " + quote(q, table) + " (id INTEGER PRIMARY KEY, " + quote(q, column)
                + " VARCHAR(20) NOT NULL, " + quote(q, "MixedCase") + " INTEGER REFERENCES " + quote(q, parent)
                + " (" + quote(q, "select") + "))").execute();
        db.sql("CREATE INDEX " + quote(q, "ix" + q + "1") + " ON " + quote(q, table) + " (" + quote(q, column) + ")")
                .execute();
        db.sql("CREATE VIEW " + quote(q, "v" + q + "iew") + " AS SELECT " + quote(q, column) + " FROM "
                + quote(q, table)).execute();
        db.sql("INSERT INTO " + quote(q, parent) + " VALUES (1, 'groß'), (2, NULL)").execute();
        db.sql("INSERT INTO " + quote(q, table) + " VALUES (10, 'x\"y`z', 1), (11, 'plain', 2), (12, '', NULL)")
                .execute();

        try (BackupRepository repo = BackupRepository.open(dir.toString()); Scratch target = Scratch.on(s.engine())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            assertThat(b.tables()).containsExactlyInAnyOrder(table, parent);
            assertThat(b.rows()).isEqualTo(5);
            RestoreReport r = Backups.restore(repo, b.id(), null, target.db(), RestoreOptions.builder().build());
            assertThat(r.rows()).isEqualTo(5);
            Database t = target.db();
            String select = "SELECT id, " + quote(q, column) + ", " + quote(q, "MixedCase") + " FROM " + quote(q, table)
                    + " ORDER BY id";
            assertThat(rows(t, select)).isEqualTo(rows(db, select)).hasSize(3);
            String view = "SELECT " + quote(q, column) + " FROM " + quote(q, "v" + q + "iew") + " ORDER BY 1";
            assertThat(rows(t, view)).isEqualTo(rows(db, view));
            String p = "SELECT " + quote(q, "select") + ", " + quote(q, "Größe") + " FROM " + quote(q, parent)
                    + " ORDER BY 1";
            assertThat(rows(t, p)).containsExactly("1|groß", "2|null");
            assertThat(Backups.verify(repo, b.id(), null, VerifyReport.Mode.FAST).intact()).isTrue();
        }
    }

    private static String quote(char q, String name) {
        return q + name.replace(String.valueOf(q), "" + q + q) + q;
    }

    private static List<String> rows(Database db, String sql) {
        return db.sql(sql).list(rs -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sb.append(i == 1 ? "" : "|").append(rs.getString(i));
            }
            return sb.toString();
        });
    }
}
