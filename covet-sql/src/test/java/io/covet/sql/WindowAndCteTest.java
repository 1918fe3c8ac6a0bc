package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.util.List;

import static io.covet.sql.Category.CATEGORY;
import static io.covet.sql.Functions.sum;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Rows.strings;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Window functions and common table expressions executed on every engine. */
class WindowAndCteTest {

    @AllEngines
    void rankingFunctionsOverANamedWindow(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        // Orders by total within each user; user 1 has two orders.
        WindowSpec w = Windows.named("w").partitionBy(ORDERS.USER_ID).orderBy(ORDERS.TOTAL.desc());
        List<Row> rows = select(ORDERS.ID, Windows.rowNumber().over(w), Windows.rank().over(w),
                Windows.denseRank().over(w), Windows.ntile(2).over(Windows.orderBy(ORDERS.ID)))
                .from(ORDERS).window(w).orderBy(ORDERS.ID).fetch(db);
        assertThat(longs(rows, 0)).containsExactly(10L, 11L, 12L, 13L);
        assertThat(longs(rows, 1)).containsExactly(1L, 2L, 1L, 1L);
        assertThat(longs(rows, 2)).containsExactly(1L, 2L, 1L, 1L);
        assertThat(longs(rows, 3)).containsExactly(1L, 2L, 1L, 1L);
        assertThat(longs(rows, 4)).containsExactly(1L, 1L, 2L, 2L);
    }

    @AllEngines
    void valueFunctionsAndAggregatesWithFrames(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        WindowSpec byId = Windows.orderBy(ORDERS.ID);
        WindowSpec whole = byId.rowsBetween(Frame.unboundedPreceding(), Frame.unboundedFollowing());
        List<Row> rows = select(ORDERS.ID,
                Windows.lag(ORDERS.ID).over(byId),
                Windows.lead(ORDERS.ID, 2).over(byId),
                Windows.firstValue(ORDERS.ID).over(byId),
                Windows.lastValue(ORDERS.ID).over(whole),
                sum(ORDERS.TOTAL).over(byId.rowsBetween(Frame.preceding(1), Frame.currentRow())),
                Functions.count().over(Windows.partitionBy(ORDERS.USER_ID)))
                .from(ORDERS).orderBy(ORDERS.ID).fetch(db);
        assertThat(longs(rows, 1)).containsExactly(null, 10L, 11L, 12L);
        assertThat(longs(rows, 2)).containsExactly(12L, 13L, null, null);
        assertThat(longs(rows, 3)).containsExactly(10L, 10L, 10L, 10L);
        assertThat(longs(rows, 4)).containsExactly(13L, 13L, 13L, 13L);
        assertThat(Rows.decimals(rows, 5)).containsExactly(new BigDecimal("12.50"), new BigDecimal("22.50"),
                new BigDecimal("17.25"), new BigDecimal("27.25"));
        assertThat(longs(rows, 6)).containsExactly(2L, 2L, 1L, 1L);
    }

    @AllEngines
    void lagWithDefaultRunsOnPostgresAndSqliteAndIsRefusedOnMariadb(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Select q = select(Windows.lag(ORDERS.ID, 1, 0L).over(Windows.orderBy(ORDERS.ID))).from(ORDERS)
                .orderBy(ORDERS.ID);
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> q.fetch(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("LAG with a default value is not supported by MariaDB. MariaDB's LAG takes no "
                            + "default: use Functions.coalesce(Windows.lag(x, n).over(w), default), which also "
                            + "replaces NULL values of x.");
        } else {
            assertThat(longs(q.fetch(db), 0)).containsExactly(0L, 10L, 11L, 12L);
        }
    }

    @AllEngines
    void recursiveCteWalksTheCategoryTree(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Cte tree = Sql.cte("tree");
        Field<Integer> depth = Sql.val(0, Integer.class).as("depth");
        Field<String> path = CATEGORY.NAME.cast(String.class).as("path");
        Column<Long> treeId = tree.field(CATEGORY.ID);
        Column<Integer> treeDepth = tree.field(depth);
        Column<String> treePath = tree.field(path);
        Cte walk = tree.as(
                select(CATEGORY.ID, depth, path).from(CATEGORY).where(CATEGORY.PARENT_ID.isNull())
                        .unionAll(select(CATEGORY.ID, treeDepth.plus(1),
                                Functions.concat(Functions.concat(treePath, "/"), CATEGORY.NAME))
                                .from(CATEGORY).join(tree, CATEGORY.PARENT_ID.eq(treeId))));
        List<Row> rows = Sql.withRecursive(walk).select(treeId, treeDepth, treePath).from(tree)
                .orderBy(treePath).fetch(db);
        assertThat(strings(rows, 2)).containsExactly("root", "root/books", "root/books/fiction",
                "root/books/fiction/crime", "root/music", "root/music/jazz");
        assertThat(longs(rows, 1)).containsExactly(0L, 1L, 2L, 3L, 1L, 2L);
    }

    @AllEngines
    void severalCtesReferToEachOther(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Field<BigDecimal> spent = sum(ORDERS.TOTAL).as("spent");
        Cte totals = Sql.cte("totals").as(select(ORDERS.USER_ID, spent).from(ORDERS).groupBy(ORDERS.USER_ID));
        Cte big = Sql.cte("big").as(select(totals.field(ORDERS.USER_ID)).from(totals)
                .where(totals.field(spent).gt(new BigDecimal("15"))));
        List<Row> rows = Sql.with(totals, big).select(USERS.NAME).from(USERS)
                .where(USERS.ID.in(select(big.field(ORDERS.USER_ID)).from(big))).orderBy(USERS.NAME).fetch(db);
        assertThat(strings(rows, 0)).containsExactly("Ada", "Grace");
    }

    @AllEngines
    void ctesInInsertUpdateAndDelete(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Cte paid = Sql.cte("paid").as(select(ORDERS.USER_ID).from(ORDERS).where(ORDERS.STATUS.eq("paid")));
        Column<Long> paidUser = paid.field(ORDERS.USER_ID);

        // INSERT … SELECT with a CTE: on MariaDB the WITH moves into the SELECT, elsewhere it leads.
        Category copy = CATEGORY;
        int inserted = Sql.with(paid).insertInto(copy).columns(copy.ID, copy.PARENT_ID, copy.NAME)
                .select(select(paidUser.plus(100L), Sql.val(null, Long.class), Sql.val("buyer", String.class))
                        .from(paid))
                .execute(db);
        assertThat(inserted).isEqualTo(2);
        assertThat(longs(select(CATEGORY.ID).from(CATEGORY).where(CATEGORY.NAME.eq("buyer")).orderBy(CATEGORY.ID)
                .fetch(db), 0)).containsExactly(101L, 102L);

        Update update = Sql.with(paid).update(USERS).set(USERS.NAME, "payer")
                .where(USERS.ID.in(select(paidUser).from(paid)));
        Delete delete = Sql.with(paid).deleteFrom(USERS).where(USERS.ID.in(select(paidUser).from(paid)));
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> update.execute(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("WITH … UPDATE is not supported by MariaDB. MariaDB takes WITH only in SELECT and "
                            + "INSERT … SELECT: move the CTE into an IN (subquery) or a derived table in the WHERE.");
            assertThatThrownBy(() -> delete.execute(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessageStartingWith("WITH … DELETE is not supported by MariaDB.");
            assertThat(longs(select(Functions.count()).from(USERS).fetch(db), 0)).containsExactly(4L);
        } else {
            assertThat(update.execute(db)).isEqualTo(2);
            assertThat(strings(select(USERS.NAME).from(USERS).where(USERS.ID.le(2L)).fetch(db), 0))
                    .containsOnly("payer");
            assertThat(delete.execute(db)).isEqualTo(2);
            assertThat(longs(select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(db), 0)).containsExactly(3L, 4L);
        }
    }
}
