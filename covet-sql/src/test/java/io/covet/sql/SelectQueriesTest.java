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
import static io.covet.sql.Functions.count;
import static io.covet.sql.Functions.sum;
import static io.covet.sql.Items.ITEMS;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Products.PRODUCTS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Rows.strings;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SELECT constructs executed on every engine, checking the rows they return. */
class SelectQueriesTest {

    @AllEngines
    void threeJoinsWithFivePredicatesReturnTheMatchingRows(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Users u = USERS.as("u");
        List<Row> rows = select(u.NAME, ORDERS.ID, PRODUCTS.NAME)
                .from(u)
                .join(ORDERS, ORDERS.USER_ID.eq(u.ID))
                .join(ITEMS, ITEMS.ORDER_ID.eq(ORDERS.ID))
                .join(PRODUCTS, PRODUCTS.ID.eq(ITEMS.PRODUCT_ID))
                .where(u.ACTIVE.eq(true)
                        .and(u.COUNTRY.in("NO", "GB"))
                        .and(ORDERS.TOTAL.ge(new BigDecimal("7.00")))
                        .and(ORDERS.STATUS.ne("cancelled"))
                        .and(PRODUCTS.NAME.startsWith("G")))
                .orderBy(ORDERS.ID, PRODUCTS.NAME)
                .fetch(db);
        assertThat(Rows.table(rows)).containsExactly(
                List.of("Ada", "10", "Gadget"), List.of("Ada", "11", "Gadget"), List.of("Alan", "12", "Gizmo"));
    }

    @AllEngines
    void selfJoinThroughAliasesPairsChildrenWithParents(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Category child = CATEGORY.as("child");
        Category parent = CATEGORY.as("parent");
        List<Row> rows = select(child.NAME, parent.NAME.as("parent_name"))
                .from(child)
                .join(parent, child.PARENT_ID.eq(parent.ID))
                .where(parent.NAME.ne("root"))
                .orderBy(child.ID)
                .fetch(db);
        assertThat(Rows.table(rows)).containsExactly(
                List.of("fiction", "books"), List.of("jazz", "music"), List.of("crime", "fiction"));
    }

    @AllEngines
    void outerAndCrossJoinsAndUsing(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        // Linus (4) has no orders: a LEFT JOIN keeps him with a NULL order.
        List<Row> left = select(USERS.ID, ORDERS.ID).from(USERS).leftJoin(ORDERS, ORDERS.USER_ID.eq(USERS.ID))
                .where(ORDERS.ID.isNull()).fetch(db);
        assertThat(longs(left, 0)).containsExactly(4L);

        List<Row> right = select(USERS.ID, ORDERS.ID).from(ORDERS).rightJoin(USERS, ORDERS.USER_ID.eq(USERS.ID))
                .orderBy(USERS.ID, ORDERS.ID).fetch(db);
        assertThat(longs(right, 1)).containsExactly(10L, 11L, 12L, 13L, null);

        assertThat(longs(select(count()).from(USERS).crossJoin(PRODUCTS).fetch(db), 0)).containsExactly(12L);

        DerivedTable names = select(USERS.ID.as("user_id"), USERS.NAME).from(USERS).asTable("names");
        List<Row> using = select(names.field(USERS.NAME), ORDERS.ID).from(ORDERS)
                .joinUsing(names, Sql.field("user_id", Long.class)).orderBy(ORDERS.ID).fetch(db);
        assertThat(strings(using, 0)).containsExactly("Ada", "Ada", "Alan", "Grace");

        Select full = select(USERS.ID, ORDERS.ID).from(USERS).fullJoin(ORDERS, ORDERS.USER_ID.eq(USERS.ID))
                .orderBy(USERS.ID, ORDERS.ID);
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> full.fetch(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("FULL OUTER JOIN is not supported by MariaDB. Emulate it as a LEFT JOIN UNION ALL a "
                            + "RIGHT JOIN that keeps only the rows whose left side IS NULL, or rethink the query.");
        } else {
            assertThat(longs(full.fetch(db), 1)).containsExactly(10L, 11L, 12L, 13L, null);
        }
    }

    @AllEngines
    void groupByHavingAndDistinct(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Field<Long> n = count().as("n");
        List<Row> rows = select(ORDERS.USER_ID, n, sum(ORDERS.TOTAL).as("total"))
                .from(ORDERS)
                .groupBy(ORDERS.USER_ID)
                .having(count().ge(1L).and(sum(ORDERS.TOTAL).gt(new BigDecimal("8"))))
                .orderBy(n.desc(), ORDERS.USER_ID)
                .fetch(db);
        assertThat(longs(rows, 0)).containsExactly(1L, 3L);
        assertThat(longs(rows, 1)).containsExactly(2L, 1L);
        assertThat(Rows.decimals(rows, 2)).containsExactly(new BigDecimal("22.50"), new BigDecimal("20.00"));

        List<Row> statuses = Sql.selectDistinct(ORDERS.STATUS).from(ORDERS).orderBy(ORDERS.STATUS).fetch(db);
        assertThat(strings(statuses, 0)).containsExactly("cancelled", "open", "paid");
    }

    @AllEngines
    void distinctOnKeepsTheFirstRowPerGroupOnPostgresOnly(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Select latest = select(ORDERS.USER_ID, ORDERS.ID).from(ORDERS).distinctOn(ORDERS.USER_ID)
                .orderBy(ORDERS.USER_ID, ORDERS.CREATED.desc());
        if (s.engine() == Engine.POSTGRESQL) {
            assertThat(longs(latest.fetch(db), 1)).containsExactly(11L, 12L, 13L);
        } else {
            assertThatThrownBy(() -> latest.fetch(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("DISTINCT ON is not supported by " + s.engine().displayName() + ". Number the rows "
                            + "with ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) in a derived table and keep the "
                            + "rows numbered 1.");
        }
    }

    @AllEngines
    void setOperations(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Select buyers = select(ORDERS.USER_ID).from(ORDERS);
        Select active = select(USERS.ID).from(USERS).where(USERS.ACTIVE.eq(true));
        Column<Long> id = Sql.field("user_id", Long.class);

        assertThat(longs(buyers.union(active).orderBy(id).fetch(db), 0)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(longs(buyers.unionAll(active).fetch(db), 0)).hasSize(7);
        assertThat(longs(buyers.intersect(active).orderBy(id).fetch(db), 0)).containsExactly(1L, 2L);
        assertThat(longs(buyers.except(active).fetch(db), 0)).containsExactly(3L);
        // An operand with its own ORDER BY/LIMIT is grouped (parentheses, or SELECT * FROM (…) on SQLite).
        Select topBuyer = select(ORDERS.USER_ID).from(ORDERS).orderBy(ORDERS.TOTAL.desc()).limit(1);
        assertThat(longs(active.where(USERS.ID.eq(4L)).union(topBuyer).orderBy(Sql.field("id", Long.class))
                .fetch(db), 0))
                .containsExactly(3L, 4L);
        // (a UNION b) INTERSECT c keeps its grouping on every engine.
        Select c = select(USERS.ID).from(USERS).where(USERS.ID.in(2L, 4L));
        assertThat(longs(buyers.union(active).intersect(c).orderBy(id).fetch(db), 0)).containsExactly(2L, 4L);
    }

    @AllEngines
    void limitOffsetAndKeysetPagination(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Select byId = select(ORDERS.ID).from(ORDERS).orderBy(ORDERS.ID);
        assertThat(longs(byId.limit(2).offset(1).fetch(db), 0)).containsExactly(11L, 12L);
        assertThat(longs(byId.offset(3).fetch(db), 0)).containsExactly(13L);

        Select newestFirst = select(ORDERS.ID, ORDERS.CREATED).from(ORDERS).where(ORDERS.STATUS.ne("x"))
                .orderBy(ORDERS.CREATED.desc(), ORDERS.ID.desc()).limit(2);
        List<Row> page1 = newestFirst.fetch(db);
        assertThat(longs(page1, 0)).containsExactly(13L, 12L);
        Row last = page1.get(1);
        List<Row> page2 = newestFirst.seekAfter(java.time.LocalDate.of(2024, 2, 3), 12L).fetch(db);
        assertThat(longs(page2, 0)).containsExactly(11L, 10L);
        assertThat(last.get(1)).isNotNull();

        // Mixed directions use the expanded OR form.
        Select mixed = select(ORDERS.ID).from(ORDERS).orderBy(ORDERS.USER_ID.asc(), ORDERS.ID.desc())
                .seekAfter(1L, 11L);
        assertThat(longs(mixed.fetch(db), 0)).containsExactly(10L, 12L, 13L);
    }

    @AllEngines
    void subqueriesInWhereSelectAndFrom(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Select buyers = select(ORDERS.USER_ID).from(ORDERS).where(ORDERS.STATUS.eq("paid"));
        assertThat(longs(select(USERS.ID).from(USERS).where(USERS.ID.in(buyers)).orderBy(USERS.ID).fetch(db), 0))
                .containsExactly(1L, 2L);
        assertThat(longs(select(USERS.ID).from(USERS).where(USERS.ID.notIn(buyers)).orderBy(USERS.ID).fetch(db), 0))
                .containsExactly(3L, 4L);

        Select ordersOfUser = select(ORDERS.ID).from(ORDERS).where(ORDERS.USER_ID.eq(USERS.ID));
        assertThat(longs(select(USERS.ID).from(USERS).where(Sql.notExists(ordersOfUser)).fetch(db), 0))
                .containsExactly(4L);
        assertThat(longs(select(USERS.ID).from(USERS).where(Sql.exists(ordersOfUser)).fetch(db), 0)).hasSize(3);

        Field<Long> orderCount = Sql.scalar(select(count()).from(ORDERS).where(ORDERS.USER_ID.eq(USERS.ID)),
                Long.class);
        assertThat(longs(select(USERS.ID, orderCount.as("orders")).from(USERS).orderBy(USERS.ID).fetch(db), 1))
                .containsExactly(2L, 1L, 1L, 0L);

        Field<BigDecimal> spent = sum(ORDERS.TOTAL).as("spent");
        DerivedTable totals = select(ORDERS.USER_ID, spent).from(ORDERS).groupBy(ORDERS.USER_ID).asTable("totals");
        List<Row> rich = select(USERS.NAME, totals.field(spent)).from(USERS)
                .join(totals, totals.field(ORDERS.USER_ID).eq(USERS.ID))
                .where(totals.field(spent).gt(new BigDecimal("15"))).orderBy(USERS.NAME).fetch(db);
        assertThat(strings(rich, 0)).containsExactly("Ada", "Grace");
    }

    @AllEngines
    void quantifiedComparisonsRunWhereSupportedAndAreRefusedOnSqlite(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Select paidTotals = select(ORDERS.TOTAL).from(ORDERS).where(ORDERS.STATUS.eq("paid"));
        Select aboveAll = select(ORDERS.ID).from(ORDERS).where(ORDERS.TOTAL.gt(Sql.all(paidTotals)))
                .orderBy(ORDERS.ID);
        Select aboveAny = select(ORDERS.ID).from(ORDERS).where(ORDERS.TOTAL.gt(Sql.any(paidTotals)))
                .orderBy(ORDERS.ID);
        if (s.engine() == Engine.SQLITE) {
            assertThatThrownBy(() -> aboveAll.fetch(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("a comparison with ALL (subquery) is not supported by SQLite. Use IN / NOT IN for "
                            + "= ANY and <> ALL, or compare with the subquery's MIN() or MAX() (for example x > "
                            + "(SELECT MAX(…)) instead of x > ALL (…)).");
        } else {
            assertThat(longs(aboveAll.fetch(db), 0)).containsExactly(13L);
            assertThat(longs(aboveAny.fetch(db), 0)).containsExactly(10L, 11L, 13L);
        }
    }

    @AllEngines
    void lateralRunsOnPostgresAndIsRefusedElsewhere(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        DerivedTable biggest = select(ORDERS.ID, ORDERS.TOTAL).from(ORDERS).where(ORDERS.USER_ID.eq(USERS.ID))
                .orderBy(ORDERS.TOTAL.desc()).limit(1).asTable("biggest").lateral();
        Select q = select(USERS.NAME, biggest.field(ORDERS.ID)).from(USERS).crossJoin(biggest).orderBy(USERS.ID);
        if (s.engine() == Engine.POSTGRESQL) {
            assertThat(longs(q.fetch(db), 1)).containsExactly(10L, 12L, 13L);
        } else {
            assertThatThrownBy(() -> q.fetch(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("LATERAL is not supported by " + s.engine().displayName() + ". Use a correlated "
                            + "scalar subquery in the select list, or join a grouped derived table on its key.");
        }
    }
}
