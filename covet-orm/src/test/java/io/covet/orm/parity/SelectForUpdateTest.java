package io.covet.orm.parity;

import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.ForUpdate;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code selectForUpdate(ForUpdate…)}: Django's {@code skip_locked}, {@code nowait} and {@code of} against a real
 * competing transaction holding a row lock on a second connection; refused with {@code UnsupportedFeature} where the
 * engine's features lack the clause (SQLite: row locks; MariaDB: {@code OF}).
 */
class SelectForUpdateTest {
    static Orm orm(Scratch s) {
        return orm(s.db());
    }

    /** Buyers a (NO: 500 paid, 120 open), b (SE: 300 paid) and c (NO: none) on {@code db}. */
    static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Buyer_.TYPE, Purchase_.TYPE).build();
        orm.createTables();
        Buyer a = orm.save(new Buyer("a", "NO"));
        Buyer b = orm.save(new Buyer("b", "SE"));
        orm.save(new Buyer("c", "NO"));
        orm.save(new Purchase(a, 500, "paid", java.time.LocalDate.of(2024, 3, 9)));
        orm.save(new Purchase(a, 120, "open", java.time.LocalDate.of(2024, 11, 30)));
        orm.save(new Purchase(b, 300, "paid", null));
        return orm;
    }

    /**
     * Another transaction, on its own connection, holding the lock of buyer "a" (by key: MariaDB would lock every
     * row a scan passes); the caller closes it.
     */
    private static Connection lockBuyerA(Scratch s, Orm orm) throws Exception {
        long id = orm.objects(Buyer_.TYPE).get(Buyer_.NAME.eq("a")).id;
        Connection c = s.rawConnection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT id FROM par_buyer WHERE id = " + id + " FOR UPDATE").close();
        }
        return c;
    }

    @AllEngines
    void skipLockedLeavesOutRowsAnotherTransactionHoldsAndNoWaitFailsOnThem(Scratch s) throws Exception {
        Orm orm = orm(s);
        Database db = s.db();
        if (!db.supports(Feature.ROW_LOCKS)) {
            assertThatThrownBy(() -> db.atomic(tx -> orm.objects(Buyer_.TYPE)
                    .selectForUpdate(ForUpdate.skipLocked()).list()))
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessageStartingWith("FOR UPDATE is not supported by SQLite. SQLite locks the whole database "
                            + "for writing, not rows");
            return;
        }
        try (Connection holder = lockBuyerA(s, orm)) {
            List<String> unlocked = db.atomic(tx -> orm.objects(Buyer_.TYPE)
                    .selectForUpdate(ForUpdate.skipLocked()).valuesFlat(Buyer_.NAME));
            assertThat(unlocked).containsExactly("b", "c");
            assertThatThrownBy(() -> db.atomic(tx -> orm.objects(Buyer_.TYPE)
                    .selectForUpdate(ForUpdate.noWait()).list()))
                    .isInstanceOf(LockTimeout.class);
            // a row nobody holds is locked at once
            long b = orm.objects(Buyer_.TYPE).get(Buyer_.NAME.eq("b")).id;
            String country = db.atomic(tx -> orm.objects(Buyer_.TYPE).selectForUpdate(ForUpdate.noWait())
                    .get(b).country);
            assertThat(country).isEqualTo("SE");
            holder.rollback();
        }
    }

    @AllEngines
    void ofLocksOnlyTheNamedTablesRowsWhereTheEngineHasIt(Scratch s) throws Exception {
        Orm orm = orm(s);
        Database db = s.db();
        if (!db.supports(Feature.ROW_LOCKS)) {
            return; // refused as a whole above
        }
        try (Connection holder = lockBuyerA(s, orm)) {
            // a's purchases joined with a: lock the purchases only, so a's lock held elsewhere is no obstacle
            var ownRowsOnly = orm.objects(Purchase_.TYPE).filter(Purchase_.BUYER, b -> b.name.eq("a"))
                    .selectForUpdate(ForUpdate.noWait().ofSelf());
            var buyersToo = orm.objects(Purchase_.TYPE).filter(Purchase_.BUYER, b -> b.name.eq("a"))
                    .selectForUpdate(ForUpdate.noWait().ofSelf().of(Purchase_.BUYER));
            if (db.supports(Feature.LOCK_OF)) {
                List<Integer> amounts = db.atomic(tx -> ownRowsOnly.valuesFlat(Purchase_.AMOUNT));
                assertThat(amounts).containsExactly(500, 120);
                assertThatThrownBy(() -> db.atomic(tx -> buyersToo.list())).isInstanceOf(LockTimeout.class);
                // selectRelated LEFT JOINs, whose nullable side PostgreSQL cannot lock: of(self) is the way
                List<Purchase> small = db.atomic(tx -> orm.objects(Purchase_.TYPE).selectRelated(Purchase_.BUYER)
                        .filter(Purchase_.AMOUNT.lt(400)).selectForUpdate(ForUpdate.waiting().ofSelf()).list());
                assertThat(small).extracting(p -> p.buyer.peek().name).containsExactly("a", "b");
            } else {
                assertThatThrownBy(() -> db.atomic(tx -> ownRowsOnly.list()))
                        .isInstanceOf(UnsupportedFeature.class)
                        .hasMessageStartingWith("FOR UPDATE OF is not supported by " + s.engine().displayName())
                        .hasMessageContaining("Lock the rows of every table read (leave out 'of')");
            }
            holder.rollback();
        }
    }

    @AllEngines
    void anOfPathTheQueryDoesNotJoinIsRefused(Scratch s) {
        Orm orm = orm(s);
        assertThatThrownBy(() -> orm.objects(Purchase_.TYPE)
                .selectForUpdate(ForUpdate.waiting().of(Purchase_.BUYER)).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("selectForUpdate(of buyer) names a relation the query does not join: add "
                        + "selectRelated(buyer) or join(buyer)");
    }
}
