package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.util.List;

import static io.covet.sql.Functions.coalesce;
import static io.covet.sql.Functions.nullif;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Products.PRODUCTS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Rows.strings;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/** Expressions and functions with per-engine spellings, executed on every engine. */
class ExpressionsTest {

    @AllEngines
    void arithmeticCaseCoalesceNullifAndCast(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        List<Row> rows = select(
                ORDERS.ID.times(2L).plus(1L).minus(ORDERS.USER_ID),
                ORDERS.ID.mod(4L),
                ORDERS.ID.neg(),
                Sql.when(ORDERS.TOTAL.gt(new BigDecimal("10")), "big")
                        .when(ORDERS.TOTAL.eq(new BigDecimal("10.00")), "ten").otherwise("small"),
                nullif(ORDERS.STATUS, "paid"),
                coalesce(nullif(ORDERS.STATUS, "paid"), "was paid"),
                ORDERS.ID.cast(String.class),
                Functions.round(ORDERS.TOTAL.div(new BigDecimal("3")), 2))
                .from(ORDERS).orderBy(ORDERS.ID).fetch(db);
        assertThat(longs(rows, 0)).containsExactly(20L, 22L, 23L, 24L);
        assertThat(longs(rows, 1)).containsExactly(2L, 3L, 0L, 1L);
        assertThat(longs(rows, 2)).containsExactly(-10L, -11L, -12L, -13L);
        assertThat(strings(rows, 3)).containsExactly("big", "ten", "small", "big");
        assertThat(strings(rows, 4)).containsExactly(null, "open", null, "cancelled");
        assertThat(strings(rows, 5)).containsExactly("was paid", "open", "was paid", "cancelled");
        assertThat(strings(rows, 6)).containsExactly("10", "11", "12", "13");
        assertThat(Rows.decimals(rows, 7)).containsExactly(new BigDecimal("4.17"), new BigDecimal("3.33"),
                new BigDecimal("2.42"), new BigDecimal("6.67"));
    }

    @AllEngines
    void stringFunctionsWithPerEngineNames(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        List<Row> rows = select(
                Functions.upper(USERS.NAME), Functions.lower(USERS.COUNTRY), Functions.length(USERS.EMAIL),
                Functions.concat(USERS.NAME, Sql.val(" <", String.class), USERS.EMAIL, Sql.val(">", String.class)),
                Functions.substring(USERS.EMAIL, 1, 3), Functions.position(USERS.EMAIL, "@"),
                Functions.replace(USERS.EMAIL, "example", "ex"), Functions.trim(Sql.val("  x  ", String.class)))
                .from(USERS).where(USERS.ID.eq(1L)).fetch(db);
        assertThat(Rows.table(rows)).containsExactly(List.of("ADA", "no", "15", "Ada <ada@example.com>", "ada", "4",
                "ada@ex.com", "x"));
        // Multi-byte text is counted in characters on every engine.
        assertThat(longs(select(Functions.length(Sql.val("smørbrød", String.class))).fetch(db), 0))
                .containsExactly(8L);
    }

    @AllEngines
    void dateParts(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        List<Row> rows = select(Functions.extract(DatePart.YEAR, ORDERS.CREATED),
                Functions.extract(DatePart.MONTH, ORDERS.CREATED), Functions.extract(DatePart.DAY, ORDERS.CREATED))
                .from(ORDERS).where(ORDERS.ID.eq(13L)).fetch(db);
        assertThat(Rows.table(rows)).containsExactly(List.of("2024", "3", "10"));
        Field<Integer> month = Functions.extract(DatePart.MONTH, ORDERS.CREATED).as("month");
        List<Row> perMonth = select(month, Functions.count()).from(ORDERS).groupBy(month).orderBy(month).fetch(db);
        assertThat(Rows.table(perMonth)).containsExactly(List.of("1", "1"), List.of("2", "2"), List.of("3", "1"));
        assertThat(select(Functions.currentDate(), Functions.currentTimestamp()).fetch(db).get(0).get(1))
                .isNotNull();
    }

    @AllEngines
    void typedNullsAndParametersInTheSelectList(Scratch s) {
        Database db = s.db();
        // PostgreSQL cannot type a bare parameter in a select list; val(x, Type) casts it there.
        List<Row> rows = select(Sql.val(null, Integer.class).as("n"), Sql.val(42L, Long.class).as("v"),
                coalesce(Sql.val(null, String.class), Sql.val("fallback", String.class)).as("c")).fetch(db);
        assertThat(Rows.table(rows)).containsExactly(java.util.Arrays.asList(null, "42", "fallback"));
    }

    @AllEngines
    void rawFragmentsBindTheirValuesAndEmbedFields(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Field<Long> doubled = Sql.raw("(? * ?)", Long.class, PRODUCTS.ID, 2L);
        List<Row> rows = select(PRODUCTS.NAME, doubled.as("d")).from(PRODUCTS)
                .where(Sql.rawCondition("? = '?' OR ? > ?", PRODUCTS.NAME, PRODUCTS.ID, 1L))
                .orderBy(PRODUCTS.ID).fetch(db);
        assertThat(Rows.table(rows)).containsExactly(List.of("Gadget", "4"), List.of("Gizmo", "6"));
        assertThat(longs(select(Functions.count()).from(PRODUCTS).fetch(db), 0)).containsExactly(3L);
    }
}
