package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.util.List;

import static io.covet.sql.Archive.ARCHIVE;
import static io.covet.sql.Category.CATEGORY;
import static io.covet.sql.Docs.DOCS;
import static io.covet.sql.Events.EVENTS;
import static io.covet.sql.Items.ITEMS;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Products.PRODUCTS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Rows.strings;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs the snippets of docs/sql.md (same code, in order) on every engine, so the guide stays true. */
class DocSnippetsTest {

    @AllEngines
    void aFirstQueryAndOfflineRendering(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        List<Row> rows = select(USERS.ID, USERS.EMAIL)
                .from(USERS)
                .where(USERS.EMAIL.endsWith("@example.com").and(USERS.COUNTRY.in("NO", "GB")))
                .orderBy(USERS.ID.desc())
                .limit(20)
                .fetch(db);
        List<String> mails = select(USERS.EMAIL).from(USERS).fetch(db, rs -> rs.getString(1));
        assertThat(longs(rows, 0)).containsExactly(2L, 1L);
        assertThat(mails).hasSize(4);

        RenderedSql r = select(USERS.ID).from(USERS).where(USERS.ID.eq(7L)).render(Dialect.of(Engine.MARIADB));
        assertThat(r.sql()).isEqualTo("SELECT `users`.`id` FROM `users` WHERE `users`.`id` = ?");
        assertThat(r.params()).containsExactly(7L);
    }

    @AllEngines
    void theSelectTour(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Users u = USERS.as("u");
        List<Row> busy = select(u.EMAIL, Functions.count().as("items"))
                .from(u)
                .join(ORDERS, ORDERS.USER_ID.eq(u.ID))
                .join(ITEMS, ITEMS.ORDER_ID.eq(ORDERS.ID))
                .where(ORDERS.STATUS.ne("cancelled"))
                .groupBy(u.EMAIL).having(Functions.count().gt(1L))
                .orderBy(u.EMAIL.asc().nullsLast())
                .fetch(db);
        assertThat(Rows.table(busy)).containsExactly(List.of("ada@example.com", "3"));
    }

    @AllEngines
    void insertUpdateDeleteAndUpsert(Scratch s) {
        Database db = s.db();
        TestSchema.create(db);
        Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL).values(1L, "a@x.org").values(2L, "b@x.org").execute(db);
        Sql.insertInto(USERS).set(USERS.ID, 3L).set(USERS.EMAIL, "c@x.org").execute(db);
        Sql.insertInto(ARCHIVE).columns(ARCHIVE.ID, ARCHIVE.EMAIL).select(select(USERS.ID, USERS.EMAIL).from(USERS))
                .execute(db);

        Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL).values(1L, "new@x.org")
                .onConflict(USERS.ID).doUpdate(USERS.EMAIL.set(Sql.excluded(USERS.EMAIL)))
                .execute(db);

        Sql.update(USERS).set(USERS.EMAIL, Functions.upper(USERS.EMAIL)).where(USERS.ID.eq(1L)).execute(db);
        List<Row> deleted = Sql.deleteFrom(USERS).where(USERS.ID.eq(1L)).returning(USERS.EMAIL).fetch(db);
        assertThat(strings(deleted, 0)).containsExactly("NEW@X.ORG");
        assertThat(longs(select(ARCHIVE.ID).from(ARCHIVE).orderBy(ARCHIVE.ID).fetch(db), 0))
                .containsExactly(1L, 2L, 3L);
    }

    /** The window-function query of the guide (and of the demo). */
    @AllEngines
    void windowFunctions(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        WindowSpec byUser = Windows.named("w").partitionBy(ORDERS.USER_ID).orderBy(ORDERS.TOTAL.desc());
        List<Row> ranked = select(ORDERS.ID,
                Windows.rowNumber().over(byUser),
                Windows.rank().over(byUser),
                Functions.sum(ORDERS.TOTAL).over(Windows.orderBy(ORDERS.ID)
                        .rowsBetween(Frame.preceding(1), Frame.currentRow())))
                .from(ORDERS)
                .window(byUser)
                .orderBy(ORDERS.ID)
                .fetch(db);
        assertThat(Rows.table(ranked).stream().map(r -> r.subList(0, 3)).toList()).containsExactly(
                List.of("10", "1", "1"), List.of("11", "2", "2"), List.of("12", "1", "1"), List.of("13", "1", "1"));
        assertThat(Rows.decimals(ranked, 3)).containsExactly(new BigDecimal("12.50"), new BigDecimal("22.50"),
                new BigDecimal("17.25"), new BigDecimal("27.25"));
    }

    /** The recursive-CTE query of the guide (and of the demo). */
    @AllEngines
    void recursiveCte(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Cte tree = Sql.cte("tree");
        Field<Integer> depth = Sql.val(0, Integer.class).as("depth");
        Column<Long> treeId = tree.field(CATEGORY.ID);
        Column<Integer> treeDepth = tree.field(depth);
        Cte walk = tree.as(
                select(CATEGORY.ID, depth).from(CATEGORY).where(CATEGORY.PARENT_ID.isNull())
                .unionAll(select(CATEGORY.ID, treeDepth.plus(1))
                        .from(CATEGORY).join(tree, CATEGORY.PARENT_ID.eq(treeId))));
        List<Row> rows = Sql.withRecursive(walk).select(treeId, treeDepth).from(tree).orderBy(treeId).fetch(db);
        assertThat(Rows.table(rows)).containsExactly(List.of("1", "0"), List.of("2", "1"), List.of("3", "1"),
                List.of("4", "2"), List.of("5", "2"), List.of("6", "3"));
    }

    @AllEngines
    void jsonFullTextAndRaw(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Sql.insertInto(EVENTS).columns(EVENTS.ID, EVENTS.KIND, EVENTS.DATA)
                .values(1L, "click", Json.of("{\"user\": {\"id\": 1, \"name\": \"Ada\"}, \"tags\": [\"x\"]}"))
                .execute(db);
        List<Row> names = select(Json.extractText(EVENTS.DATA, "user", "name"))
                .from(EVENTS)
                .where(Json.contains(EVENTS.DATA, Json.of("{\"user\": {\"id\": 1}}"))
                        .and(Json.hasKey(EVENTS.DATA, "tags")))
                .fetch(db);
        assertThat(strings(names, 0)).containsExactly("Ada");
        assertThat(select(EVENTS.KIND, Json.arrayAgg(EVENTS.ID, EVENTS.ID.desc())).from(EVENTS).groupBy(EVENTS.KIND)
                .fetch(db)).hasSize(1);

        String key = s.engine() == Engine.SQLITE ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY";
        db.sql("CREATE TABLE docs (id " + key + ", title VARCHAR(200), body TEXT)").execute();
        Sql.insertInto(DOCS).columns(DOCS.ID, DOCS.TITLE, DOCS.BODY).values(1L, "Dogs", "the lazy dog sleeps")
                .values(2L, "Cats", "a busy cat").execute(db);
        FullText search = FullText.index("docs_search", DOCS.ID, DOCS.TITLE, DOCS.BODY);
        search.createStatements(db.dialect()).forEach(ddl -> db.sql(ddl).execute());
        Field<Double> rank = search.rank("lazy dog").as("rank");
        List<Row> hits = select(DOCS.ID, rank).from(DOCS).where(search.matches("lazy dog")).orderBy(rank.desc())
                .fetch(db);
        assertThat(longs(hits, 0)).containsExactly(1L);

        Field<Long> doubled = Sql.raw("(? * ?)", Long.class, PRODUCTS.ID, 2L);
        assertThat(longs(select(doubled).from(PRODUCTS).orderBy(PRODUCTS.ID).fetch(db), 0))
                .containsExactly(2L, 4L, 6L);
        if (s.engine() == Engine.POSTGRESQL) {
            Condition c = Sql.rawCondition("? ~ ?", USERS.EMAIL, "^a");
            assertThat(longs(select(USERS.ID).from(USERS).where(c).orderBy(USERS.ID).fetch(db), 0))
                    .containsExactly(1L, 2L);
        }
    }
}
