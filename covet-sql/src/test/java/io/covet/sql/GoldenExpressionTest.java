package io.covet.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.covet.sql.Events.EVENTS;
import static io.covet.sql.Golden.REFUSED;
import static io.covet.sql.Golden.check;
import static io.covet.sql.Golden.same;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;

/** The exact SQL of expressions, functions, window functions, JSON and full-text search on each dialect. */
class GoldenExpressionTest {

    @Test
    void arithmeticCaseCastAndNullHandling() {
        check(select(ORDERS.ID.plus(1L).times(2L).minus(ORDERS.USER_ID).div(3L), ORDERS.ID.mod(2L), ORDERS.ID.neg(),
                        Sql.when(ORDERS.ID.gt(1L), "a").when(ORDERS.ID.gt(2L), ORDERS.STATUS).otherwise("c"),
                        Functions.coalesce(ORDERS.STATUS, "none"),
                        Functions.coalesce(ORDERS.STATUS, Sql.val(null, String.class), ORDERS.STATUS),
                        Functions.nullif(ORDERS.STATUS, "x")).from(ORDERS),
                "SELECT ((((\"orders\".\"id\" + ?) * ?) - \"orders\".\"user_id\") / ?), (\"orders\".\"id\" % ?), "
                        + "-(\"orders\".\"id\"), CASE WHEN \"orders\".\"id\" > ? THEN ? WHEN \"orders\".\"id\" > ? "
                        + "THEN \"orders\".\"status\" ELSE ? END, COALESCE(\"orders\".\"status\", CAST(? AS TEXT)), "
                        + "COALESCE(\"orders\".\"status\", CAST(? AS TEXT), \"orders\".\"status\"), "
                        + "NULLIF(\"orders\".\"status\", CAST(? AS TEXT)) FROM \"orders\"",
                "SELECT ((((`orders`.`id` + ?) * ?) - `orders`.`user_id`) / ?), (`orders`.`id` % ?), "
                        + "-(`orders`.`id`), CASE WHEN `orders`.`id` > ? THEN ? WHEN `orders`.`id` > ? THEN "
                        + "`orders`.`status` ELSE ? END, COALESCE(`orders`.`status`, ?), COALESCE(`orders`.`status`, "
                        + "?, `orders`.`status`), NULLIF(`orders`.`status`, ?) FROM `orders`",
                "SELECT ((((\"orders\".\"id\" + ?) * ?) - \"orders\".\"user_id\") / ?), (\"orders\".\"id\" % ?), "
                        + "-(\"orders\".\"id\"), CASE WHEN \"orders\".\"id\" > ? THEN ? WHEN \"orders\".\"id\" > ? "
                        + "THEN \"orders\".\"status\" ELSE ? END, COALESCE(\"orders\".\"status\", ?), "
                        + "COALESCE(\"orders\".\"status\", ?, \"orders\".\"status\"), NULLIF(\"orders\".\"status\", "
                        + "?) FROM \"orders\"");
        check(select(ORDERS.ID.cast(String.class), ORDERS.ID.cast(Long.class), ORDERS.TOTAL.cast(BigDecimal.class),
                        ORDERS.STATUS.cast(LocalDate.class), ORDERS.ID.cast(Double.class),
                        ORDERS.ID.cast(Boolean.class)).from(ORDERS),
                "SELECT CAST(\"orders\".\"id\" AS TEXT), CAST(\"orders\".\"id\" AS BIGINT), "
                        + "CAST(\"orders\".\"total\" AS NUMERIC), CAST(\"orders\".\"status\" AS DATE), "
                        + "CAST(\"orders\".\"id\" AS DOUBLE PRECISION), CAST(\"orders\".\"id\" AS BOOLEAN) FROM "
                        + "\"orders\"",
                "SELECT CAST(`orders`.`id` AS CHAR), CAST(`orders`.`id` AS SIGNED), CAST(`orders`.`total` AS "
                        + "DECIMAL(65,30)), CAST(`orders`.`status` AS DATE), CAST(`orders`.`id` AS DOUBLE), "
                        + "CAST(`orders`.`id` AS SIGNED) FROM `orders`",
                "SELECT CAST(\"orders\".\"id\" AS TEXT), CAST(\"orders\".\"id\" AS INTEGER), "
                        + "CAST(\"orders\".\"total\" AS REAL), CAST(\"orders\".\"status\" AS TEXT), "
                        + "CAST(\"orders\".\"id\" AS REAL), CAST(\"orders\".\"id\" AS INTEGER) FROM \"orders\"");
        check(select(Sql.val(null, Integer.class), Sql.val(BigDecimal.ONE), Sql.val("x")),
                "SELECT CAST(? AS INTEGER), ?, ?",
                "SELECT ?, ?, ?",
                "SELECT ?, CAST(? AS REAL), ?");
    }

    @Test
    void stringAndDateFunctions() {
        check(select(Functions.lower(USERS.NAME), Functions.upper(USERS.NAME), Functions.trim(USERS.NAME),
                        Functions.length(USERS.NAME), Functions.concat(USERS.NAME, USERS.EMAIL),
                        Functions.concat(USERS.NAME, "!"), Functions.substring(USERS.NAME, 2, 3),
                        Functions.replace(USERS.NAME, "a", "b"), Functions.position(USERS.EMAIL, "@"))
                        .from(USERS),
                "SELECT LOWER(\"users\".\"name\"), UPPER(\"users\".\"name\"), TRIM(\"users\".\"name\"), "
                        + "char_length(\"users\".\"name\"), (\"users\".\"name\" || \"users\".\"email\"), "
                        + "(\"users\".\"name\" || CAST(? AS TEXT)), substr(\"users\".\"name\", ?, ?), "
                        + "REPLACE(\"users\".\"name\", CAST(? AS TEXT), CAST(? AS TEXT)), "
                        + "strpos(\"users\".\"email\", CAST(? AS TEXT)) FROM \"users\"",
                "SELECT LOWER(`users`.`name`), UPPER(`users`.`name`), TRIM(`users`.`name`), "
                        + "CHAR_LENGTH(`users`.`name`), CONCAT(`users`.`name`, `users`.`email`), "
                        + "CONCAT(`users`.`name`, ?), SUBSTRING(`users`.`name`, ?, ?), REPLACE(`users`.`name`, ?, "
                        + "?), LOCATE(?, `users`.`email`) FROM `users`",
                "SELECT LOWER(\"users\".\"name\"), UPPER(\"users\".\"name\"), TRIM(\"users\".\"name\"), "
                        + "length(\"users\".\"name\"), (\"users\".\"name\" || \"users\".\"email\"), "
                        + "(\"users\".\"name\" || ?), substr(\"users\".\"name\", ?, ?), REPLACE(\"users\".\"name\", "
                        + "?, ?), instr(\"users\".\"email\", ?) FROM \"users\"");
        check(select(Functions.extract(DatePart.YEAR, ORDERS.CREATED), Functions.extract(DatePart.SECOND,
                        ORDERS.CREATED), Functions.currentDate(), Functions.currentTimestamp(),
                        Functions.round(ORDERS.TOTAL, 1), Functions.abs(ORDERS.ID)).from(ORDERS),
                "SELECT CAST(floor(EXTRACT(YEAR FROM \"orders\".\"created\")) AS INTEGER), CAST(floor(EXTRACT(SECOND "
                        + "FROM \"orders\".\"created\")) AS INTEGER), CURRENT_DATE, CURRENT_TIMESTAMP, "
                        + "ROUND(CAST(\"orders\".\"total\" AS NUMERIC), ?), ABS(\"orders\".\"id\") FROM \"orders\"",
                "SELECT EXTRACT(YEAR FROM `orders`.`created`), EXTRACT(SECOND FROM `orders`.`created`), "
                        + "CURRENT_DATE, CURRENT_TIMESTAMP(6), ROUND(CAST(`orders`.`total` AS DECIMAL(65,30)), ?), "
                        + "ABS(`orders`.`id`) FROM `orders`",
                "SELECT CAST(strftime('%Y', \"orders\".\"created\") AS INTEGER), CAST(strftime('%S', "
                        + "\"orders\".\"created\") AS INTEGER), CURRENT_DATE, CURRENT_TIMESTAMP, "
                        + "ROUND(CAST(\"orders\".\"total\" AS REAL), ?), ABS(\"orders\".\"id\") FROM \"orders\"");
    }

    @Test
    void aggregatesAndFilters() {
        check(select(Functions.count(), Functions.count(ORDERS.ID), Functions.countDistinct(ORDERS.USER_ID),
                        Functions.sum(ORDERS.TOTAL).filterWhere(ORDERS.STATUS.eq("paid")),
                        Functions.count().filterWhere(ORDERS.STATUS.eq("open")), Functions.avg(ORDERS.TOTAL),
                        Functions.min(ORDERS.ID), Functions.max(ORDERS.ID)).from(ORDERS),
                "SELECT COUNT(*), COUNT(\"orders\".\"id\"), COUNT(DISTINCT \"orders\".\"user_id\"), "
                        + "SUM(\"orders\".\"total\") FILTER (WHERE \"orders\".\"status\" = ?), COUNT(*) FILTER "
                        + "(WHERE \"orders\".\"status\" = ?), AVG(\"orders\".\"total\"), MIN(\"orders\".\"id\"), "
                        + "MAX(\"orders\".\"id\") FROM \"orders\"",
                "SELECT COUNT(*), COUNT(`orders`.`id`), COUNT(DISTINCT `orders`.`user_id`), SUM(CASE WHEN "
                        + "`orders`.`status` = ? THEN `orders`.`total` END), COUNT(CASE WHEN `orders`.`status` = ? "
                        + "THEN 1 END), AVG(`orders`.`total`), MIN(`orders`.`id`), MAX(`orders`.`id`) FROM `orders`",
                "SELECT COUNT(*), COUNT(\"orders\".\"id\"), COUNT(DISTINCT \"orders\".\"user_id\"), "
                        + "SUM(\"orders\".\"total\") FILTER (WHERE \"orders\".\"status\" = ?), COUNT(*) FILTER "
                        + "(WHERE \"orders\".\"status\" = ?), AVG(\"orders\".\"total\"), MIN(\"orders\".\"id\"), "
                        + "MAX(\"orders\".\"id\") FROM \"orders\"");
    }

    @Test
    void windowFunctions() {
        WindowSpec w = Windows.named("w").partitionBy(ORDERS.USER_ID).orderBy(ORDERS.CREATED.desc());
        same(select(Windows.rowNumber().over(w), Windows.rank().over(w), Windows.denseRank().over(w),
                        Windows.ntile(4).over(w), Windows.lag(ORDERS.ID).over(w), Windows.lead(ORDERS.ID, 2).over(w),
                        Windows.firstValue(ORDERS.ID).over(w), Windows.lastValue(ORDERS.ID).over(Windows.orderBy(
                                ORDERS.ID).rowsBetween(Frame.unboundedPreceding(), Frame.unboundedFollowing())),
                        Functions.sum(ORDERS.TOTAL).over(Windows.partitionBy(ORDERS.USER_ID).orderBy(ORDERS.ID)
                                .rangeBetween(Frame.preceding(5), Frame.following(5))),
                        Functions.count().over()).from(ORDERS).window(w),
                "SELECT ROW_NUMBER() OVER \"w\", RANK() OVER \"w\", DENSE_RANK() OVER \"w\", NTILE(?) OVER \"w\", "
                        + "LAG(\"orders\".\"id\") OVER \"w\", LEAD(\"orders\".\"id\", ?) OVER \"w\", "
                        + "FIRST_VALUE(\"orders\".\"id\") OVER \"w\", LAST_VALUE(\"orders\".\"id\") OVER (ORDER BY "
                        + "\"orders\".\"id\" ASC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), "
                        + "SUM(\"orders\".\"total\") OVER (PARTITION BY \"orders\".\"user_id\" ORDER BY "
                        + "\"orders\".\"id\" ASC RANGE BETWEEN ? PRECEDING AND ? FOLLOWING), COUNT(*) OVER () FROM "
                        + "\"orders\" WINDOW \"w\" AS (PARTITION BY \"orders\".\"user_id\" ORDER BY "
                        + "\"orders\".\"created\" DESC)");
        check(select(Windows.lag(ORDERS.ID, 1, 0L).over(Windows.orderBy(ORDERS.ID))).from(ORDERS),
                "SELECT LAG(\"orders\".\"id\", ?, CAST(? AS BIGINT)) OVER (ORDER BY \"orders\".\"id\" ASC) FROM "
                        + "\"orders\"",
                REFUSED + "LAG with a default value is not supported by MariaDB. MariaDB's LAG takes no default: use "
                        + "Functions.coalesce(Windows.lag(x, n).over(w), default), which also replaces NULL values "
                        + "of x.",
                "SELECT LAG(\"orders\".\"id\", ?, ?) OVER (ORDER BY \"orders\".\"id\" ASC) FROM \"orders\"");
        check(select(Functions.sum(ORDERS.ID).over(Windows.orderBy(ORDERS.ID).groupsBetween(Frame.currentRow(),
                        Frame.following(1)))).from(ORDERS),
                "SELECT SUM(\"orders\".\"id\") OVER (ORDER BY \"orders\".\"id\" ASC GROUPS BETWEEN CURRENT ROW AND ? "
                        + "FOLLOWING) FROM \"orders\"",
                REFUSED + "GROUPS window frames is not supported by MariaDB. Use a ROWS or RANGE frame.",
                "SELECT SUM(\"orders\".\"id\") OVER (ORDER BY \"orders\".\"id\" ASC GROUPS BETWEEN CURRENT ROW AND ? "
                        + "FOLLOWING) FROM \"orders\"");
    }

    @Test
    void json() {
        check(select(Json.extract(EVENTS.DATA, "a", 0, "b"), Json.extractText(EVENTS.DATA, "a")).from(EVENTS)
                        .where(Json.contains(EVENTS.DATA, Json.of("{\"a\": 1}")).and(Json.hasKey(EVENTS.DATA, "k"))),
                "SELECT (\"events\".\"data\" -> ? -> ? -> ?), (\"events\".\"data\" ->> ?) FROM \"events\" WHERE "
                        + "(\"events\".\"data\" @> CAST(? AS jsonb)) AND (\"events\".\"data\" ?? ?)",
                "SELECT JSON_EXTRACT(`events`.`data`, ?), JSON_UNQUOTE(NULLIF(JSON_EXTRACT(`events`.`data`, ?), "
                        + "'null')) FROM `events` WHERE JSON_CONTAINS(`events`.`data`, ?) AND "
                        + "JSON_CONTAINS_PATH(`events`.`data`, 'one', ?)",
                "SELECT (\"events\".\"data\" -> ?), CAST((\"events\".\"data\" ->> ?) AS TEXT) FROM \"events\" WHERE "
                        + "NOT EXISTS (SELECT 1 FROM json_tree(?) AS \"covet_jn\" WHERE \"covet_jn\".type NOT IN "
                        + "('object', 'array') AND NOT EXISTS (SELECT 1 FROM json_tree(\"events\".\"data\") AS "
                        + "\"covet_jd\" WHERE \"covet_jd\".fullkey = \"covet_jn\".fullkey AND \"covet_jd\".type = "
                        + "\"covet_jn\".type AND \"covet_jd\".atom IS \"covet_jn\".atom)) AND "
                        + "(json_type(\"events\".\"data\", ?) IS NOT NULL)");
        check(select(Json.arrayAgg(EVENTS.ID, EVENTS.ID.desc()), Json.objectAgg(EVENTS.KIND, EVENTS.ID)).from(EVENTS),
                "SELECT jsonb_agg(\"events\".\"id\" ORDER BY \"events\".\"id\" DESC), "
                        + "jsonb_object_agg(\"events\".\"kind\", \"events\".\"id\") FROM \"events\"",
                "SELECT JSON_ARRAYAGG(`events`.`id` ORDER BY `events`.`id` DESC), JSON_OBJECTAGG(`events`.`kind`, "
                        + "`events`.`id`) FROM `events`",
                "SELECT json_group_array(\"events\".\"id\" ORDER BY \"events\".\"id\" DESC), "
                        + "json_group_object(\"events\".\"kind\", \"events\".\"id\") FROM \"events\"");
        Golden.params(select(Json.extract(EVENTS.DATA, "a", 0, "b")).from(EVENTS), Golden.PG, "a", 0, "b");
        Golden.params(select(Json.extract(EVENTS.DATA, "a", 0, "b")).from(EVENTS), Golden.MARIADB, "$.\"a\"[0].\"b\"");
    }

    @Test
    void fullTextSearch() {
        FullText search = FullText.index("docs_search", Docs.DOCS.ID, Docs.DOCS.TITLE, Docs.DOCS.BODY);
        Field<Double> rank = search.rank("Quick, fox!").as("rank");
        check(select(Docs.DOCS.ID, rank).from(Docs.DOCS).where(search.matches("Quick, fox!")).orderBy(rank.desc()),
                "SELECT \"docs\".\"id\", ts_rank(to_tsvector('english', coalesce(\"docs\".\"title\", '') || ' ' || "
                        + "coalesce(\"docs\".\"body\", '')), plainto_tsquery('english', ?)) AS \"rank\" FROM "
                        + "\"docs\" WHERE (to_tsvector('english', coalesce(\"docs\".\"title\", '') || ' ' || "
                        + "coalesce(\"docs\".\"body\", '')) @@ plainto_tsquery('english', ?)) ORDER BY \"rank\" DESC",
                "SELECT `docs`.`id`, MATCH (`docs`.`title`, `docs`.`body`) AGAINST (? IN BOOLEAN MODE) AS `rank` "
                        + "FROM `docs` WHERE MATCH (`docs`.`title`, `docs`.`body`) AGAINST (? IN BOOLEAN MODE) ORDER "
                        + "BY `rank` DESC",
                "SELECT \"docs\".\"id\", (SELECT -bm25(\"docs_search\") FROM \"docs_search\" WHERE \"docs_search\" "
                        + "MATCH ? AND rowid = \"docs\".\"id\") AS \"rank\" FROM \"docs\" WHERE \"docs\".\"id\" IN "
                        + "(SELECT rowid FROM \"docs_search\" WHERE \"docs_search\" MATCH ?) ORDER BY \"rank\" DESC");
        Golden.params(select().from(Docs.DOCS).where(search.matches("the quick -fox* \"x\"")), Golden.PG,
                "the quick -fox* \"x\"");
        Golden.params(select().from(Docs.DOCS).where(search.matches("the quick -fox* \"x\"")), Golden.MARIADB,
                "the +quick +fox x");
        Golden.params(select().from(Docs.DOCS).where(search.matches("the quick -fox* \"x\"")), Golden.SQLITE,
                "\"the\" \"quick\" \"fox\" \"x\"");
        check(select().from(Docs.DOCS).where(search.language("simple").matches("x")),
                "SELECT * FROM \"docs\" WHERE (to_tsvector('simple', coalesce(\"docs\".\"title\", '') || ' ' || "
                        + "coalesce(\"docs\".\"body\", '')) @@ plainto_tsquery('simple', ?))",
                "SELECT * FROM `docs` WHERE MATCH (`docs`.`title`, `docs`.`body`) AGAINST (? IN BOOLEAN MODE)",
                "SELECT * FROM \"docs\" WHERE \"docs\".\"id\" IN (SELECT rowid FROM \"docs_search\" WHERE "
                        + "\"docs_search\" MATCH ?)");
    }

    @Test
    void rawFragments() {
        same(select(Sql.raw("upper(?)", String.class, USERS.NAME)).from(USERS)
                        .where(Sql.rawCondition("? ~ 'a?b' OR ? = ?", USERS.NAME, USERS.ID, 5L)),
                "SELECT upper(\"users\".\"name\") FROM \"users\" WHERE \"users\".\"name\" ~ 'a?b' OR "
                        + "\"users\".\"id\" = ?");
        Golden.params(select().from(USERS).where(Sql.rawCondition("? = ?", USERS.NAME, "x")), Golden.PG, "x");
    }
}
