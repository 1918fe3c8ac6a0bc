package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.RawWritePolicy;
import io.covet.core.error.UnrecordedWrite;
import io.covet.migrate.history.app.Purse;
import io.covet.migrate.history.app.Purse_;
import io.covet.orm.Audit;
import io.covet.orm.FieldChange;
import io.covet.orm.Orm;
import io.covet.orm.Version;
import io.covet.orm.audit.AuditEntry;
import io.covet.orm.audit.AuditFilter;
import io.covet.orm.audit.AuditTrail;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * History written by the ORM itself ({@code @History(capture = APPLICATION)}), on each engine: the migration makes
 * the history table without triggers; every ORM write path (save, QuerySet.update, delete, QuerySet.delete,
 * bulkCreate, bulkUpdate, bulkLoad with and without keys) leaves exactly one version per changed row, attributed,
 * chained, none for a no-op; the reading API works on it unchanged; raw SQL to the table is refused before it runs
 * (or logged under {@link RawWritePolicy#LOG}).
 */
class AppCaptureTest {

    /** makemigrations (through the file form) + migrate for Purse on {@code db}; the migration. */
    static Migration migrate(Database db) {
        Orm orm = Orm.builder().database(db).models(Purse_.TYPE).build();
        MigrationSteps steps = new MigrationSteps();
        Migration m = steps.makemigrations(OrmSchemaSource.of(orm));
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, OrmSchemaSource.of(orm));
        return m;
    }

    /** The history rows in history order. */
    static List<Map<String, Object>> versions(Database db) {
        return HistoryCaptureTest.versions(db, "purse_history");
    }

    private static String line(Map<String, Object> m) {
        return m.get("type") + " " + m.get("by") + " " + m.get("owner") + " " + m.get("balance");
    }

    @AllEngines
    void theMigrationMakesTheHistoryTableWithoutTriggers(Scratch s) {
        Database db = s.db();
        Migration m = migrate(db);
        assertThat(m.operations().stream().map(Operation::describe).toList())
                .containsExactly("Create model purse", "Create model purse_history");
        String preview = String.join("\n", SqlPreview.sql(new MigrationGraph(List.of(m), Set.of()), m.key(),
                db.dialect(), false));
        assertThat(preview).contains("purse_history").contains("purse_hist_asof_app").doesNotContain("TRIGGER");
        // no trigger: a write the ORM does not see records nothing
        try (var c = s.rawConnection(); var st = c.createStatement()) {
            c.setAutoCommit(true);
            st.executeUpdate("INSERT INTO purse (owner, balance) VALUES ('raw', 1)");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(versions(db)).isEmpty();
    }

    @AllEngines
    void everyOrmWritePathIsRecordedOnceAttributedAndChained(Scratch s) {
        Database db = s.db();
        migrate(db);
        Orm orm = Orm.builder().database(db).models(Purse_.TYPE).build();
        int expected = 0;

        Purse a = Audit.as(db, "alice", "opening", () -> orm.save(new Purse("ann", 10)));
        expected++;
        Purse b;
        Audit.currentUserSupplier(() -> new Audit.Actor("web-user", "request"));
        try {
            b = orm.save(new Purse("bob", 20)); // outside Audit.as: the current-user supplier names the user
        } finally {
            Audit.currentUserSupplier(() -> null);
        }
        expected++;
        String last = db.sql("SELECT MAX(valid_from) AS t FROM purse_history").list().get(0).getString("t");
        Instant afterInserts = java.time.LocalDateTime.parse(last.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        sleep(); // the next change starts at a later database time (SQLite keeps milliseconds)
        assertThat(versions(db)).hasSize(expected);

        // QuerySet.update over both rows: two versions
        int n = Audit.as(db, "bob", "interest", () -> orm.objects(Purse_.TYPE).update(Purse_.BALANCE.set(30)));
        assertThat(n).isEqualTo(2);
        expected += 2;
        // an update that changes nothing, and one that changes only the excluded field: no version
        assertThat(orm.objects(Purse_.TYPE).filter(Purse_.ID.eq(a.id())).update(Purse_.BALANCE.set(30))).isEqualTo(1);
        a.note("private");
        orm.save(a);
        assertThat(orm.objects(Purse_.TYPE).update(Purse_.NOTE.set("all"))).isEqualTo(2);
        assertThat(versions(db)).hasSize(expected);
        // a changed instance saved twice in one unit of work: one version, of the last values and user
        Audit.as(db, "alice", "fix", () -> {
            a.balance(34);
            orm.save(a);
            Audit.as(db, "alice2", "fix again", () -> {
                a.balance(35);
                return orm.save(a);
            });
            return null;
        });
        expected++;

        // bulkCreate: one version per row, one changeset
        List<Purse> bulk = Audit.as(db, "carol", "import", () -> orm.objects(Purse_.TYPE)
                .bulkCreate(List.of(new Purse("c1", 1), new Purse("c2", 2), new Purse("c3", 3))));
        expected += 3;
        // bulkUpdate: c1 changes, c2 is written with its own value (no version)
        bulk.get(0).balance(11);
        assertThat(Audit.as(db, "carol", "fix", () -> orm.objects(Purse_.TYPE)
                .bulkUpdate(List.of(bulk.get(0), bulk.get(1)), "balance"))).isEqualTo(2);
        expected++;
        assertThat(versions(db)).hasSize(expected);

        // deletes: instance and QuerySet
        Audit.as(db, "dave", "closing", () -> orm.delete(b));
        expected++;
        int gone = Audit.as(db, "dave", "cleanup",
                () -> orm.objects(Purse_.TYPE).filter(Purse_.OWNER.startsWith("c")).delete());
        assertThat(gone).isEqualTo(3);
        expected += 3;

        List<Map<String, Object>> v = versions(db);
        assertThat(v).hasSize(expected);
        assertThat(v).extracting(AppCaptureTest::line).containsExactly(
                "+ alice ann 10", "+ web-user bob 20",
                "~ bob ann 30", "~ bob bob 30",
                "~ alice2 ann 35",
                "+ carol c1 1", "+ carol c2 2", "+ carol c3 3",
                "~ carol c1 11",
                "- dave bob 30",
                "- dave c1 11", "- dave c2 2", "- dave c3 3");
        assertThat(v.get(0).get("reason")).isEqualTo("opening");
        assertThat(v.get(1).get("reason")).isEqualTo("request");
        assertThat(v.get(4).get("reason")).isEqualTo("fix again");
        // one changeset per unit of work: the three bulk rows share theirs, other units differ
        assertThat(v.get(5).get("tx")).isNotNull().isEqualTo(v.get(6).get("tx")).isEqualTo(v.get(7).get("tx"));
        assertThat(v.get(5).get("tx")).isNotEqualTo(v.get(0).get("tx"));
        chained(v);

        // bulkLoad: without keys (PostgreSQL: INSERT … RETURNING instead of COPY, to know them) and with keys
        // (PostgreSQL: COPY, then the versions by key)
        assertThat(Audit.as(db, "erin", "load", () -> orm.objects(Purse_.TYPE)
                .bulkLoad(List.of(new Purse("l1", 1), new Purse("l2", 2))))).isEqualTo(2);
        assertThat(orm.objects(Purse_.TYPE).bulkLoad(List.of(new Purse(9001, "k1", 1), new Purse(9002, "k2", 2))))
                .isEqualTo(2);
        assertThat(versions(db)).hasSize(expected + 4).extracting(AppCaptureTest::line)
                .endsWith("+ erin l1 1", "+ erin l2 2", "+ null k1 1", "+ null k2 2");
        assertThat(orm.objects(Purse_.TYPE).count()).isEqualTo(5);

        // the reading API is the same as with triggers
        List<Version<Purse>> history = orm.history(a);
        assertThat(history).extracting(Version::changeType).containsExactly("+", "~", "~");
        assertThat(history.get(2).changedBy()).isEqualTo("alice2");
        List<FieldChange> changes = orm.whoChanged(a, "balance");
        assertThat(changes).extracting(c -> c.before() + "->" + c.after() + " " + c.changedBy())
                .containsExactly("null->10 alice", "10->30 bob", "30->35 alice2");
        assertThat(orm.objects(Purse_.TYPE).asOf(afterInserts).orderBy(Purse_.OWNER.asc()).list())
                .extracting(p -> p.owner() + " " + p.balance()).containsExactly("ann 10", "bob 20");
        List<AuditEntry> log = AuditTrail.of(db).log(new AuditFilter("purse", String.valueOf(a.id()), null, null));
        assertThat(log).extracting(AuditEntry::user).containsExactly("alice", "bob", "alice2");
        // revert is an ORM save: recorded as a version of its own
        Audit.as(db, "frank", "undo", () -> orm.revert(history.get(0)));
        assertThat(versions(db)).last().extracting(AppCaptureTest::line).isEqualTo("~ frank ann 10");
    }

    private static void sleep() {
        try {
            Thread.sleep(5); // separates two steps on the database clock; nothing here measures time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Per row: each version ends where the next begins, only the last is open, none ends before it starts. */
    static void chained(List<Map<String, Object>> v) {
        Map<Long, List<Map<String, Object>>> byId = new TreeMap<>();
        v.forEach(m -> byId.computeIfAbsent((Long) m.get("id"), k -> new ArrayList<>()).add(m));
        byId.forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> m = list.get(i);
                if (i + 1 < list.size()) {
                    assertThat(m.get("to")).as("row %d version %d", id, i).isEqualTo(list.get(i + 1).get("from"));
                    assertThat(HistoryCaptureTest.time(m.get("to"))).isAfterOrEqualTo(HistoryCaptureTest.time(m.get("from")));
                } else {
                    assertThat(m.get("to")).as("row %d last version", id).isNull();
                }
            }
        });
    }

    @AllEngines
    void rawSqlToTheTableIsRefusedBeforeItRuns(Scratch s) {
        Database db = s.db();
        migrate(db);
        Orm orm = Orm.builder().database(db).models(Purse_.TYPE).build();
        Purse p = orm.save(new Purse("ann", 1));
        for (String sql : List.of("UPDATE purse SET balance = 99 WHERE id = ?",
                "DELETE FROM purse WHERE id = ?",
                "INSERT INTO \"purse\" (owner, balance) SELECT owner, balance FROM purse WHERE id = ?")) {
            Throwable e = catchThrowable(() -> db.sql(sql.replace("\"", s.engine() == io.covet.core.engine.Engine.MARIADB
                    ? "`" : "\""), p.id()).execute());
            assertThat(e).as(sql).isInstanceOf(UnrecordedWrite.class)
                    .hasMessageContaining("writes table purse")
                    .hasMessageContaining("@History(capture = APPLICATION)")
                    .hasMessageContaining("nothing was written")
                    .hasMessageContaining("through the ORM")
                    .hasMessageContaining("capture = TRIGGERS");
            assertThat(((UnrecordedWrite) e).table()).isEqualTo("purse");
        }
        // inside a transaction too, and the transaction stays usable
        db.atomicRun(tx -> {
            assertThat(catchThrowable(() -> db.sql("UPDATE purse SET balance = 5").execute()))
                    .isInstanceOf(UnrecordedWrite.class);
            db.sql("SELECT balance FROM purse").list();
        });
        assertThat(orm.objects(Purse_.TYPE).get(p.id()).balance()).isEqualTo(1);
        assertThat(orm.objects(Purse_.TYPE).count()).isEqualTo(1);
        assertThat(versions(db)).hasSize(1);
        // reads, and writes to other tables, run; so does the history table (prune, erase write it)
        db.sql("CREATE TABLE purse_notes (id INTEGER PRIMARY KEY, txt VARCHAR(20))").execute();
        db.sql("INSERT INTO purse_notes (id, txt) VALUES (1, 'update purse')").execute();
        db.sql("UPDATE purse_history SET change_reason = 'x' WHERE id = ?", p.id()).execute();
        assertThat(db.sql("SELECT COUNT(*) AS n FROM purse WHERE owner = 'ann'").list().get(0).getLong("n"))
                .isEqualTo(1);
    }

    @AllEngines
    void underTheLogPolicyRawSqlRunsUnrecordedWithOneWarning(Scratch s) {
        migrate(s.db());
        Database db = s.open(b -> b.historyRawWrites(RawWritePolicy.LOG));
        Orm orm = Orm.builder().database(db).models(Purse_.TYPE).build();
        Purse p = orm.save(new Purse("ann", 1));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(db.sql("UPDATE purse SET balance = 2 WHERE id = ?", p.id()).execute()).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("WARN").contains("writes table purse").contains("historyRawWrites(LOG)");
        assertThat(log.split("writes table purse", -1)).hasSize(2);
        assertThat(orm.objects(Purse_.TYPE).get(p.id()).balance()).isEqualTo(2);
        assertThat(versions(db)).extracting(AppCaptureTest::line).containsExactly("+ null ann 1");
    }
}
