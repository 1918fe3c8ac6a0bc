package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.engine.Engine;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row locks (with a real competing transaction), index hints and EXPLAIN on every engine. */
class LockingAndHintsTest {

    /** Locks user 1 in an open transaction on a separate connection; the caller rolls it back. */
    private static Connection lockUserOne(Scratch s) throws Exception {
        Connection c = s.rawConnection();
        c.setAutoCommit(false);
        RenderedSql lock = select(USERS.ID).from(USERS).where(USERS.ID.eq(1L)).forUpdate().render(
                io.covet.core.dialect.Dialect.of(s.engine()));
        try (PreparedStatement ps = c.prepareStatement(lock.sql())) {
            ps.setLong(1, (Long) lock.params().get(0));
            ps.executeQuery().close();
        }
        return c;
    }

    @AllEngines
    void rowLocksWaitFailOrSkipOnServersAndAreRefusedOnSqlite(Scratch s) throws Exception {
        Database db = s.db();
        TestSchema.seed(db);
        Select active = select(USERS.ID).from(USERS).where(USERS.ACTIVE.eq(true)).orderBy(USERS.ID);
        if (s.engine() == Engine.SQLITE) {
            assertThatThrownBy(() -> active.forUpdate().fetch(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("FOR UPDATE is not supported by SQLite. SQLite locks the whole database for writing, "
                            + "not rows: run the read and the write in one transaction begun with BEGIN IMMEDIATE, "
                            + "which takes the write lock at once.");
            assertThatThrownBy(() -> active.forShare().skipLocked().fetch(db))
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessageStartingWith("FOR SHARE is not supported by SQLite.");
            return;
        }
        assertThat(longs(active.forUpdate().fetch(db), 0)).containsExactly(1L, 2L, 4L);
        assertThat(longs(active.forShare().fetch(db), 0)).containsExactly(1L, 2L, 4L);
        try (Connection holder = lockUserOne(s)) {
            assertThat(longs(active.forUpdate().skipLocked().fetch(db), 0)).containsExactly(2L, 4L);
            assertThatThrownBy(() -> active.forUpdate().noWait().fetch(db)).isInstanceOf(LockTimeout.class);
            assertThatThrownBy(() -> active.forShare().noWait().fetch(db)).isInstanceOf(LockTimeout.class);
            holder.rollback();
        }
    }

    @AllEngines
    void indexHintsRenderPerEngineAndSteerThePlan(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        db.sql("CREATE INDEX orders_status ON orders (status)").execute();
        db.sql("CREATE INDEX orders_user ON orders (user_id)").execute();
        Select hinted = select(ORDERS.ID).from(ORDERS.forceIndex("orders_status"))
                .where(ORDERS.STATUS.eq("paid").and(ORDERS.USER_ID.eq(1L)));
        assertThat(longs(hinted.fetch(db), 0)).containsExactly(10L);
        assertThat(longs(select(ORDERS.ID).from(ORDERS.useIndex("orders_user")).where(ORDERS.USER_ID.eq(2L))
                .fetch(db), 0)).containsExactly(12L);

        List<Row> plan = hinted.explain(db);
        switch (s.engine()) {
            case MARIADB -> {
                // FORCE INDEX leaves the planner only the forced index to consider.
                assertThat(plan.get(0).getString("key")).isEqualTo("orders_status");
                assertThat(plan.get(0).getString("possible_keys")).isEqualTo("orders_status");
            }
            case SQLITE -> assertThat(plan.get(0).getString("detail"))
                    .isEqualTo("SEARCH orders USING INDEX orders_status (status=?)");
            default -> assertThat(plan).isNotEmpty(); // PostgreSQL has no hints; the hint renders as nothing
        }
        if (s.engine() == Engine.POSTGRESQL) {
            assertThat(hinted.render(db.dialect()).sql()).doesNotContain("INDEX");
        }
    }

    @AllEngines
    void explainReturnsTheEnginesPlanWithoutRunningTheStatement(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        List<Row> plan = Sql.deleteFrom(USERS).where(USERS.ID.eq(1L)).explain(db);
        assertThat(plan).isNotEmpty();
        String text = Rows.table(plan).toString();
        switch (s.engine()) {
            case POSTGRESQL -> assertThat(text).contains("Delete on users");
            case MARIADB -> assertThat(plan.get(0).getString("table")).isEqualTo("users");
            default -> assertThat(text).contains("SEARCH users USING INDEX sqlite_autoindex_users_1 (id=?)");
        }
        // The statement was only explained: user 1 is still there.
        assertThat(longs(select(USERS.ID).from(USERS).where(USERS.ID.eq(1L)).fetch(db), 0)).containsExactly(1L);
    }
}
