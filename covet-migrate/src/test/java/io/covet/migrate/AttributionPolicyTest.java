package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code required} attribution policy and the current-user supplier, on each engine: with the policy on, every
 * ORM write path to a tracked model without a user is refused before a statement runs (the table, its history and
 * the instance are unchanged); inside {@code Audit.as}, or {@code Audit.run} with a supplier that names the web
 * request's user, it goes through and is attributed.
 */
class AttributionPolicyTest {

    private static String state(Database db) {
        return db.sql("SELECT COUNT(*) AS n, COALESCE(SUM(balance), 0) AS s FROM account").list().get(0).toString()
                + db.sql("SELECT COUNT(*) AS n FROM account_history").list().get(0).toString();
    }

    @AllEngines
    void requiredAttributionRefusesWritesWithoutAUserBeforeAnyStatement(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        Account a = orm.save(new Account("ann", 1));
        Audit.requireAttribution(true);
        try {
            String before = state(db);
            Account fresh = new Account("new", 5);
            assertThatThrownBy(() -> orm.save(fresh)).isInstanceOf(OrmUsageException.class)
                    .hasMessage("save of Account is refused: attribution is required (Audit.requireAttribution) and "
                            + "no user is set for this write; run it inside Audit.as(db, user, reason, ...) or "
                            + "Audit.run(db, ...) with a current-user supplier. Nothing was written.");
            assertThat(fresh.id()).isNull();
            a.balance(9);
            assertThatThrownBy(() -> orm.save(a)).hasMessageStartingWith("save of Account is refused");
            assertThatThrownBy(() -> orm.delete(a)).hasMessageStartingWith("delete of Account is refused");
            assertThatThrownBy(() -> orm.objects(Account_.TYPE).update(Account_.BALANCE.set(3)))
                    .hasMessageStartingWith("update of Account is refused");
            assertThatThrownBy(() -> orm.objects(Account_.TYPE).delete()).hasMessageStartingWith("delete of Account");
            assertThatThrownBy(() -> orm.objects(Account_.TYPE).bulkCreate(List.of(new Account("b", 1))))
                    .hasMessageStartingWith("bulkCreate of Account is refused");
            assertThatThrownBy(() -> orm.objects(Account_.TYPE).bulkUpdate(List.of(a), "balance"))
                    .hasMessageStartingWith("bulkUpdate of Account is refused");
            // Audit.as without a user is no attribution either
            assertThatThrownBy(() -> Audit.as(db, null, "why", () -> orm.save(a)))
                    .hasMessageStartingWith("save of Account is refused");
            assertThat(state(db)).isEqualTo(before);

            Audit.as(db, "alice", "allowed", () -> orm.save(a));
            // the web application's supplier: Audit.run takes its user
            Audit.currentUserSupplier(() -> new Audit.Actor("web-user", "request 7"));
            a.balance(11);
            Audit.run(db, () -> orm.save(a));
            Audit.currentUserSupplier(() -> null);
            a.balance(12);
            assertThatThrownBy(() -> Audit.run(db, () -> orm.save(a))).hasMessageStartingWith("save of Account");
        } finally {
            Audit.requireAttribution(false);
            Audit.currentUserSupplier(() -> null);
        }
        assertThat(orm.history(a)).extracting(v -> v.state().balance() + " " + v.changedBy() + " " + v.reason())
                .containsExactly("1 null null", "9 alice allowed", "11 web-user request 7");
    }
}
