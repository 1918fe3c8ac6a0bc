package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.migrate.history.KeptLedger;
import io.covet.migrate.history.KeptLedger_;
import io.covet.migrate.history.Ledger;
import io.covet.migrate.history.Ledger_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracked model whose table is renamed ({@code RenameModel}), on each engine, through the migration the
 * autodetector makes for it (round-tripped through the file form): the history table follows the rename when its
 * name is the default {@code <table>_history} and keeps it when {@code @History(table = ...)} names it; either way
 * only the as-of index is renamed in it, the versions recorded before stay readable through {@code asOf} and
 * {@code history}, writes to the renamed table are recorded, and the migration reverses to triggers on the old name
 * that record again.
 */
class HistoryRenameModelTest {
    private final MigrationSteps steps = new MigrationSteps();

    private static Instant lastChange(Database db, String historyTable) {
        String t = db.sql("SELECT MAX(valid_from) AS t FROM " + historyTable).list().get(0).getString("t");
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static void nextTick() throws InterruptedException {
        Thread.sleep(5); // separates the steps on the database clock; nothing here measures time
    }

    private static List<String> lines(Database db, String historyTable) {
        return HistoryCaptureTest.versions(db, historyTable).stream()
                .map(m -> m.get("type") + " " + m.get("by") + " " + m.get("owner") + " " + m.get("balance")).toList();
    }

    private static List<String> ops(Migration m) {
        return m.operations().stream().map(Operation::describe).toList();
    }

    @AllEngines
    void aRenamedTrackedTableKeepsItsHistoryAndRecordsForwardAndBack(Scratch s) throws Exception {
        Database db = s.db();
        Orm before = Orm.builder().database(db).models(Account_.TYPE).build();
        SchemaSource v1 = OrmSchemaSource.of(before);
        Migration m1 = steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);
        Account ann = Audit.as(db, "alice", "open", () -> before.save(new Account("ann", 10)));
        before.save(new Account("bob", 20));
        Instant t1 = lastChange(db, "account_history");
        nextTick();
        ann.balance(15);
        Audit.as(db, "alice", "raise", () -> before.save(ann));
        Instant t2 = lastChange(db, "account_history");
        nextTick();

        Orm after = Orm.builder().database(db).models(Ledger_.TYPE).build();
        SchemaSource v2 = OrmSchemaSource.of(after);
        Migration m2 = steps.makemigrations(v2);
        assertThat(ops(m2)).containsExactly("Drop history triggers on account", "Rename model account to ledger",
                "Rename model account_history to ledger_history", "Remove index account_hist_asof from ledger_history",
                "Create index ledger_hist_asof on ledger_history[id, valid_from, valid_to]",
                "Create history triggers on ledger writing ledger_history");
        String preview = String.join("\n", SqlPreview.sql(steps.graph(), m2.key(), db.dialect(), false));
        assertThat(preview).contains("ledger_hist_asof").contains("CREATE TRIGGER")
                .doesNotContain("INSERT INTO \"account_history\"").doesNotContain("INSERT INTO `account_history`");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);

        // the versions recorded before the rename are the renamed table's; new writes are recorded there too
        assertThat(lines(db, "ledger_history")).containsExactly("+ alice ann 10", "+ null bob 20", "~ alice ann 15");
        Ledger l = after.objects(Ledger_.TYPE).filter(Ledger_.OWNER.eq("ann")).list().get(0);
        l.balance(16);
        Audit.as(db, "bea", "after rename", () -> after.save(l));
        Ledger cy = Audit.as(db, "bea", "new", () -> after.save(new Ledger("cy", 30)));
        db.sql("UPDATE ledger SET balance = 31 WHERE owner = 'cy'").execute(); // raw SQL: recorded, unattributed
        Instant t3 = lastChange(db, "ledger_history");
        assertThat(lines(db, "ledger_history")).containsExactly("+ alice ann 10", "+ null bob 20", "~ alice ann 15",
                "~ bea ann 16", "+ bea cy 30", "~ null cy 31");
        assertThat(after.history(l)).extracting(v -> v.changeType() + " " + v.state().balance() + " " + v.changedBy())
                .containsExactly("+ 10 alice", "~ 15 alice", "~ 16 bea");
        assertThat(after.history(cy)).extracting(v -> v.changeType() + " " + v.state().balance())
                .containsExactly("+ 30", "~ 31");
        assertThat(after.objects(Ledger_.TYPE).asOf(t1).orderBy(Ledger_.OWNER.asc()).list())
                .extracting(x -> x.owner() + " " + x.balance()).containsExactly("ann 10", "bob 20");
        assertThat(after.objects(Ledger_.TYPE).asOf(t2).orderBy(Ledger_.OWNER.asc()).list())
                .extracting(x -> x.owner() + " " + x.balance()).containsExactly("ann 15", "bob 20");
        assertThat(after.objects(Ledger_.TYPE).asOf(t3).orderBy(Ledger_.OWNER.asc()).list())
                .extracting(x -> x.owner() + " " + x.balance()).containsExactly("ann 16", "bob 20", "cy 31");

        // back: the table, its history and the triggers return to the old names, and record again
        steps.migrator(db).migrate(Target.of(m1.app(), m1.name()));
        assertThat(Drift.differences(db, steps.migrator(db))).isEmpty();
        assertThat(Drift.differences(db, v1, Migrator.DEFAULT_HISTORY_TABLE)).isEmpty();
        db.sql("UPDATE account SET balance = 32 WHERE owner = 'cy'").execute();
        Account back = before.objects(Account_.TYPE).filter(Account_.OWNER.eq("ann")).list().get(0);
        Audit.as(db, "cat", "reversed", () -> before.delete(back));
        assertThat(lines(db, "account_history")).containsExactly("+ alice ann 10", "+ null bob 20",
                "~ alice ann 15", "~ bea ann 16", "+ bea cy 30", "~ null cy 31", "~ null cy 32", "- cat ann 16");
        assertThat(before.history(back)).extracting(v -> v.changeType() + " " + v.state().balance())
                .containsExactly("+ 10", "~ 15", "~ 16", "- 16");
        assertThat(before.objects(Account_.TYPE).asOf(t3).orderBy(Account_.OWNER.asc()).list())
                .extracting(x -> x.owner() + " " + x.balance()).containsExactly("ann 16", "bob 20", "cy 31");

        // and forward again: the same migration applies a second time
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);
        db.sql("UPDATE ledger SET balance = 33 WHERE owner = 'cy'").execute();
        assertThat(lines(db, "ledger_history")).hasSize(9).last().isEqualTo("~ null cy 33");
    }
    @AllEngines
    void aHistoryTableNamedOnTheModelKeepsItsNameWhenTheTableIsRenamed(Scratch s) throws Exception {
        Database db = s.db();
        Orm before = Orm.builder().database(db).models(Account_.TYPE).build();
        SchemaSource v1 = OrmSchemaSource.of(before);
        Migration m1 = steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        Account ann = Audit.as(db, "alice", "open", () -> before.save(new Account("ann", 10)));
        Instant t1 = lastChange(db, "account_history");
        nextTick();

        Orm after = Orm.builder().database(db).models(KeptLedger_.TYPE).build();
        SchemaSource v2 = OrmSchemaSource.of(after);
        Migration m2 = steps.makemigrations(v2);
        assertThat(ops(m2)).containsExactly("Drop history triggers on account", "Rename model account to ledger",
                "Remove index account_hist_asof from account_history",
                "Create index ledger_hist_asof on account_history[id, valid_from, valid_to]",
                "Create history triggers on ledger writing account_history");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);
        KeptLedger l = after.objects(KeptLedger_.TYPE).list().get(0);
        l.balance(11);
        Audit.as(db, "bea", "after rename", () -> after.save(l));
        assertThat(lines(db, "account_history")).containsExactly("+ alice ann 10", "~ bea ann 11");
        assertThat(after.history(l)).extracting(v -> v.changeType() + " " + v.state().balance())
                .containsExactly("+ 10", "~ 11");
        assertThat(after.objects(KeptLedger_.TYPE).asOf(t1).list()).extracting(KeptLedger::balance)
                .containsExactly(10);

        steps.migrator(db).migrate(Target.of(m1.app(), m1.name()));
        assertThat(Drift.differences(db, steps.migrator(db))).isEmpty();
        db.sql("UPDATE account SET balance = 12").execute();
        assertThat(lines(db, "account_history")).containsExactly("+ alice ann 10", "~ bea ann 11", "~ null ann 12");
        assertThat(before.history(ann)).hasSize(3);
    }
}
