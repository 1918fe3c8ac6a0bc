package io.covet.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.covet.sql.Category.CATEGORY;
import static io.covet.sql.Functions.count;
import static io.covet.sql.Golden.REFUSED;
import static io.covet.sql.Golden.check;
import static io.covet.sql.Golden.same;
import static io.covet.sql.Items.ITEMS;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Products.PRODUCTS;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;

/**
 * The exact SQL of each SELECT construct on each dialect. {@code same} expects one text for PostgreSQL and SQLite
 * and the backtick-quoted form of it on MariaDB; {@code check} lists the three texts (or refusals).
 */
class GoldenSelectTest {

    @Test
    void selectListsAndTables() {
        same(select().from(USERS),
                "SELECT * FROM \"users\"");
        same(select(USERS.ID, USERS.EMAIL.as("mail"), USERS.asterisk()).from(USERS),
                "SELECT \"users\".\"id\", \"users\".\"email\" AS \"mail\", \"users\".* FROM \"users\"");
        same(Sql.selectDistinct(USERS.COUNTRY).from(USERS),
                "SELECT DISTINCT \"users\".\"country\" FROM \"users\"");
        same(select().from(Sql.table("audit", "log")),
                "SELECT * FROM \"audit\".\"log\"");
    }

    @Test
    void joinsOfEveryKind() {
        Users u = USERS.as("u");
        same(select(u.ID).from(u).join(ORDERS, ORDERS.USER_ID.eq(u.ID)).leftJoin(ITEMS, ITEMS.ORDER_ID.eq(ORDERS.ID))
                        .rightJoin(PRODUCTS, PRODUCTS.ID.eq(ITEMS.PRODUCT_ID)).crossJoin(CATEGORY),
                "SELECT \"u\".\"id\" FROM \"users\" AS \"u\" JOIN \"orders\" ON \"orders\".\"user_id\" = "
                        + "\"u\".\"id\" LEFT JOIN \"order_items\" ON \"order_items\".\"order_id\" = "
                        + "\"orders\".\"id\" RIGHT JOIN \"products\" ON \"products\".\"id\" = "
                        + "\"order_items\".\"product_id\" CROSS JOIN \"category\"");
        check(select().from(USERS).fullJoin(ORDERS, ORDERS.USER_ID.eq(USERS.ID)),
                "SELECT * FROM \"users\" FULL JOIN \"orders\" ON \"orders\".\"user_id\" = \"users\".\"id\"",
                REFUSED + "FULL OUTER JOIN is not supported by MariaDB. Emulate it as a LEFT JOIN UNION ALL a RIGHT "
                        + "JOIN that keeps only the rows whose left side IS NULL, or rethink the query.",
                "SELECT * FROM \"users\" FULL JOIN \"orders\" ON \"orders\".\"user_id\" = \"users\".\"id\"");
        same(select().from(ORDERS).joinUsing(ITEMS, Sql.field("order_id", Long.class))
                        .leftJoinUsing(PRODUCTS, Sql.field("id", Long.class), Sql.field("name", String.class)),
                "SELECT * FROM \"orders\" JOIN \"order_items\" USING (\"order_id\") LEFT JOIN \"products\" USING "
                        + "(\"id\", \"name\")");
        Category child = CATEGORY.as("child");
        Category parent = CATEGORY.as("parent");
        same(select(child.NAME, parent.NAME).from(child).join(parent, child.PARENT_ID.eq(parent.ID)),
                "SELECT \"child\".\"name\", \"parent\".\"name\" FROM \"category\" AS \"child\" JOIN \"category\" AS "
                        + "\"parent\" ON \"child\".\"parent_id\" = \"parent\".\"id\"");
    }

    @Test
    void whereWithNestedLogicAndEveryPredicate() {
        same(select(USERS.ID).from(USERS).where(USERS.ID.eq(1L).or(USERS.ID.ne(2L).and(USERS.ID.lt(3L)))
                        .and(USERS.ID.le(4L).not()).and(USERS.ID.gt(0L)).and(USERS.ID.ge(0L))
                        .and(USERS.NAME.isNull().or(USERS.NAME.isNotNull()))
                        .and(USERS.ID.between(1L, 9L)).and(USERS.ID.in(1L, 2L)).and(USERS.ID.notIn(List.of()))
                        .and(USERS.NAME.like("A%")).and(USERS.NAME.notLike("%z")).and(USERS.EMAIL.endsWith("5%_!"))),
                "SELECT \"users\".\"id\" FROM \"users\" WHERE (\"users\".\"id\" = ? OR (\"users\".\"id\" <> ? AND "
                        + "\"users\".\"id\" < ?)) AND NOT (\"users\".\"id\" <= ?) AND \"users\".\"id\" > ? AND "
                        + "\"users\".\"id\" >= ? AND (\"users\".\"name\" IS NULL OR \"users\".\"name\" IS NOT NULL) "
                        + "AND \"users\".\"id\" BETWEEN ? AND ? AND \"users\".\"id\" IN (?, ?) AND 1 = 1 AND "
                        + "\"users\".\"name\" LIKE ? AND \"users\".\"name\" NOT LIKE ? AND \"users\".\"email\" LIKE "
                        + "? ESCAPE '!'");
        same(select().from(USERS).where(Sql.noCondition()).where(USERS.ID.in(List.of())),
                "SELECT * FROM \"users\" WHERE 1 = 0");
        Golden.params(select().from(USERS).where(USERS.EMAIL.endsWith("5%_!")), Golden.PG, "%5!%!_!!");
    }

    @Test
    void groupByHavingAndOrderBy() {
        Field<Long> n = count().as("n");
        same(select(USERS.COUNTRY, n).from(USERS).groupBy(USERS.COUNTRY).having(count().gt(1L))
                        .orderBy(n.desc(), USERS.COUNTRY.asc()),
                "SELECT \"users\".\"country\", COUNT(*) AS \"n\" FROM \"users\" GROUP BY \"users\".\"country\" "
                        + "HAVING COUNT(*) > ? ORDER BY \"n\" DESC, \"users\".\"country\" ASC");
        check(select().from(USERS).orderBy(USERS.NAME.asc().nullsFirst(), USERS.ID.desc().nullsLast()),
                "SELECT * FROM \"users\" ORDER BY \"users\".\"name\" ASC NULLS FIRST, \"users\".\"id\" DESC NULLS "
                        + "LAST",
                "SELECT * FROM `users` ORDER BY `users`.`name` IS NOT NULL, `users`.`name` ASC, `users`.`id` IS "
                        + "NULL, `users`.`id` DESC",
                "SELECT * FROM \"users\" ORDER BY \"users\".\"name\" ASC NULLS FIRST, \"users\".\"id\" DESC NULLS "
                        + "LAST");
        check(select(ORDERS.USER_ID).from(ORDERS).distinctOn(ORDERS.USER_ID)
                        .orderBy(ORDERS.USER_ID, ORDERS.CREATED.desc()),
                "SELECT DISTINCT ON (\"orders\".\"user_id\") \"orders\".\"user_id\" FROM \"orders\" ORDER BY "
                        + "\"orders\".\"user_id\" ASC, \"orders\".\"created\" DESC",
                REFUSED + "DISTINCT ON is not supported by MariaDB. Number the rows with ROW_NUMBER() OVER "
                        + "(PARTITION BY … ORDER BY …) in a derived table and keep the rows numbered 1.",
                REFUSED + "DISTINCT ON is not supported by SQLite. Number the rows with ROW_NUMBER() OVER (PARTITION "
                        + "BY … ORDER BY …) in a derived table and keep the rows numbered 1.");
    }

    @Test
    void pagination() {
        same(select(ORDERS.ID).from(ORDERS).orderBy(ORDERS.ID).limit(10).offset(20),
                "SELECT \"orders\".\"id\" FROM \"orders\" ORDER BY \"orders\".\"id\" ASC LIMIT ? OFFSET ?");
        check(select(ORDERS.ID).from(ORDERS).offset(5),
                "SELECT \"orders\".\"id\" FROM \"orders\" OFFSET ?",
                "SELECT `orders`.`id` FROM `orders` LIMIT 18446744073709551615 OFFSET ?",
                "SELECT \"orders\".\"id\" FROM \"orders\" LIMIT -1 OFFSET ?");
        same(select(ORDERS.ID).from(ORDERS).where(ORDERS.STATUS.eq("paid"))
                        .orderBy(ORDERS.CREATED.desc(), ORDERS.ID.desc()).seekAfter(LocalDate.of(2024, 1, 1), 7L)
                        .limit(20),
                "SELECT \"orders\".\"id\" FROM \"orders\" WHERE \"orders\".\"status\" = ? AND "
                        + "(\"orders\".\"created\", \"orders\".\"id\") < (?, ?) ORDER BY \"orders\".\"created\" "
                        + "DESC, \"orders\".\"id\" DESC LIMIT ?");
        same(select(ORDERS.ID).from(ORDERS).orderBy(ORDERS.USER_ID, ORDERS.ID.desc()).seekAfter(1L, 7L),
                "SELECT \"orders\".\"id\" FROM \"orders\" WHERE \"orders\".\"user_id\" > ? OR "
                        + "(\"orders\".\"user_id\" = ? AND \"orders\".\"id\" < ?) ORDER BY \"orders\".\"user_id\" "
                        + "ASC, \"orders\".\"id\" DESC");
    }

    @Test
    void rowLocks() {
        Select q = select(USERS.ID).from(USERS).where(USERS.ID.eq(1L));
        check(q.forUpdate(),
                "SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"id\" = ? FOR UPDATE",
                "SELECT `users`.`id` FROM `users` WHERE `users`.`id` = ? FOR UPDATE",
                REFUSED + "FOR UPDATE is not supported by SQLite. SQLite locks the whole database for writing, not "
                        + "rows: run the read and the write in one transaction begun with BEGIN IMMEDIATE, which "
                        + "takes the write lock at once.");
        check(q.forUpdate().noWait(),
                "SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"id\" = ? FOR UPDATE NOWAIT",
                "SELECT `users`.`id` FROM `users` WHERE `users`.`id` = ? FOR UPDATE NOWAIT",
                REFUSED + "FOR UPDATE is not supported by SQLite. SQLite locks the whole database for writing, not "
                        + "rows: run the read and the write in one transaction begun with BEGIN IMMEDIATE, which "
                        + "takes the write lock at once.");
        check(q.forUpdate().lockOf(USERS).skipLocked(),
                "SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"id\" = ? FOR UPDATE OF \"users\" SKIP LOCKED",
                REFUSED + "FOR UPDATE OF is not supported by MariaDB. Lock the rows of every table read (leave out "
                        + "'of'), or lock the other tables' rows with a separate SELECT … FOR UPDATE.",
                REFUSED + "FOR UPDATE is not supported by SQLite. SQLite locks the whole database for writing, not "
                        + "rows: run the read and the write in one transaction begun with BEGIN IMMEDIATE, which "
                        + "takes the write lock at once.");
        Users u = USERS.as("u");
        check(select(u.ID).from(u).forUpdate().noWait().lockOf(u),
                "SELECT \"u\".\"id\" FROM \"users\" AS \"u\" FOR UPDATE OF \"u\" NOWAIT",
                REFUSED + "FOR UPDATE OF is not supported by MariaDB. Lock the rows of every table read (leave out "
                        + "'of'), or lock the other tables' rows with a separate SELECT … FOR UPDATE.",
                REFUSED + "FOR UPDATE is not supported by SQLite. SQLite locks the whole database for writing, not "
                        + "rows: run the read and the write in one transaction begun with BEGIN IMMEDIATE, which "
                        + "takes the write lock at once.");
        check(q.forShare().skipLocked(),
                "SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"id\" = ? FOR SHARE SKIP LOCKED",
                "SELECT `users`.`id` FROM `users` WHERE `users`.`id` = ? LOCK IN SHARE MODE SKIP LOCKED",
                REFUSED + "FOR SHARE is not supported by SQLite. SQLite locks the whole database for writing, not "
                        + "rows: run the read and the write in one transaction begun with BEGIN IMMEDIATE, which "
                        + "takes the write lock at once.");
    }

    @Test
    void setOperations() {
        Select a = select(USERS.ID).from(USERS);
        Select b = select(ORDERS.USER_ID).from(ORDERS);
        Select c = select(PRODUCTS.ID).from(PRODUCTS).orderBy(PRODUCTS.PRICE).limit(1);
        check(a.union(b).unionAll(b.intersect(a)).except(b),
                "((SELECT \"users\".\"id\" FROM \"users\" UNION SELECT \"orders\".\"user_id\" FROM \"orders\") UNION "
                        + "ALL (SELECT \"orders\".\"user_id\" FROM \"orders\" INTERSECT SELECT \"users\".\"id\" FROM "
                        + "\"users\")) EXCEPT SELECT \"orders\".\"user_id\" FROM \"orders\"",
                "((SELECT `users`.`id` FROM `users` UNION SELECT `orders`.`user_id` FROM `orders`) UNION ALL (SELECT "
                        + "`orders`.`user_id` FROM `orders` INTERSECT SELECT `users`.`id` FROM `users`)) EXCEPT "
                        + "SELECT `orders`.`user_id` FROM `orders`",
                "SELECT \"users\".\"id\" FROM \"users\" UNION SELECT \"orders\".\"user_id\" FROM \"orders\" UNION "
                        + "ALL SELECT * FROM (SELECT \"orders\".\"user_id\" FROM \"orders\" INTERSECT SELECT "
                        + "\"users\".\"id\" FROM \"users\") EXCEPT SELECT \"orders\".\"user_id\" FROM \"orders\"");
        check(a.union(b).intersect(c).orderBy(Sql.field("id", Long.class)).limit(5),
                "(SELECT \"users\".\"id\" FROM \"users\" UNION SELECT \"orders\".\"user_id\" FROM \"orders\") "
                        + "INTERSECT (SELECT \"products\".\"id\" FROM \"products\" ORDER BY \"products\".\"price\" "
                        + "ASC LIMIT ?) ORDER BY \"id\" ASC LIMIT ?",
                "(SELECT `users`.`id` FROM `users` UNION SELECT `orders`.`user_id` FROM `orders`) INTERSECT (SELECT "
                        + "`products`.`id` FROM `products` ORDER BY `products`.`price` ASC LIMIT ?) ORDER BY `id` "
                        + "ASC LIMIT ?",
                "SELECT \"users\".\"id\" FROM \"users\" UNION SELECT \"orders\".\"user_id\" FROM \"orders\" "
                        + "INTERSECT SELECT * FROM (SELECT \"products\".\"id\" FROM \"products\" ORDER BY "
                        + "\"products\".\"price\" ASC LIMIT ?) ORDER BY \"id\" ASC LIMIT ?");
    }

    @Test
    void subqueries() {
        Select paid = select(ORDERS.USER_ID).from(ORDERS).where(ORDERS.STATUS.eq("paid"));
        same(select(USERS.ID).from(USERS).where(USERS.ID.in(paid).and(Sql.exists(paid)).and(Sql.notExists(paid))
                        .and(USERS.ID.notIn(paid))),
                "SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"id\" IN (SELECT \"orders\".\"user_id\" "
                        + "FROM \"orders\" WHERE \"orders\".\"status\" = ?) AND EXISTS (SELECT "
                        + "\"orders\".\"user_id\" FROM \"orders\" WHERE \"orders\".\"status\" = ?) AND NOT EXISTS "
                        + "(SELECT \"orders\".\"user_id\" FROM \"orders\" WHERE \"orders\".\"status\" = ?) AND "
                        + "\"users\".\"id\" NOT IN (SELECT \"orders\".\"user_id\" FROM \"orders\" WHERE "
                        + "\"orders\".\"status\" = ?)");
        check(select(ORDERS.ID).from(ORDERS).where(ORDERS.TOTAL.gt(Sql.all(select(ORDERS.TOTAL).from(ORDERS)))
                        .or(ORDERS.USER_ID.eq(Sql.any(paid)))),
                "SELECT \"orders\".\"id\" FROM \"orders\" WHERE \"orders\".\"total\" > ALL (SELECT "
                        + "\"orders\".\"total\" FROM \"orders\") OR \"orders\".\"user_id\" = ANY (SELECT "
                        + "\"orders\".\"user_id\" FROM \"orders\" WHERE \"orders\".\"status\" = ?)",
                "SELECT `orders`.`id` FROM `orders` WHERE `orders`.`total` > ALL (SELECT `orders`.`total` FROM "
                        + "`orders`) OR `orders`.`user_id` = ANY (SELECT `orders`.`user_id` FROM `orders` WHERE "
                        + "`orders`.`status` = ?)",
                REFUSED + "a comparison with ALL (subquery) is not supported by SQLite. Use IN / NOT IN for = ANY "
                        + "and <> ALL, or compare with the subquery's MIN() or MAX() (for example x > (SELECT "
                        + "MAX(…)) instead of x > ALL (…)).");
        same(select(USERS.ID, Sql.scalar(select(count()).from(ORDERS).where(ORDERS.USER_ID.eq(USERS.ID)), Long.class)
                        .as("orders")).from(USERS),
                "SELECT \"users\".\"id\", (SELECT COUNT(*) FROM \"orders\" WHERE \"orders\".\"user_id\" = "
                        + "\"users\".\"id\") AS \"orders\" FROM \"users\"");
        Field<BigDecimal> spent = Functions.sum(ORDERS.TOTAL).as("spent");
        DerivedTable t = select(ORDERS.USER_ID, spent).from(ORDERS).groupBy(ORDERS.USER_ID).asTable("t");
        same(select(USERS.NAME, t.field(spent)).from(USERS).join(t, t.field(ORDERS.USER_ID).eq(USERS.ID)),
                "SELECT \"users\".\"name\", \"t\".\"spent\" FROM \"users\" JOIN (SELECT \"orders\".\"user_id\", "
                        + "SUM(\"orders\".\"total\") AS \"spent\" FROM \"orders\" GROUP BY \"orders\".\"user_id\") "
                        + "AS \"t\" ON \"t\".\"user_id\" = \"users\".\"id\"");
        DerivedTable last = select(ORDERS.ID).from(ORDERS).where(ORDERS.USER_ID.eq(USERS.ID)).limit(1)
                .asTable("last").lateral();
        check(select(USERS.ID, last.field(ORDERS.ID)).from(USERS).crossJoin(last),
                "SELECT \"users\".\"id\", \"last\".\"id\" FROM \"users\" CROSS JOIN LATERAL (SELECT "
                        + "\"orders\".\"id\" FROM \"orders\" WHERE \"orders\".\"user_id\" = \"users\".\"id\" LIMIT "
                        + "?) AS \"last\"",
                REFUSED + "LATERAL is not supported by MariaDB. Use a correlated scalar subquery in the select list, "
                        + "or join a grouped derived table on its key.",
                REFUSED + "LATERAL is not supported by SQLite. Use a correlated scalar subquery in the select list, "
                        + "or join a grouped derived table on its key.");
    }

    @Test
    void commonTableExpressions() {
        Cte paid = Sql.cte("paid").as(select(ORDERS.USER_ID).from(ORDERS).where(ORDERS.STATUS.eq("paid")));
        Cte big = Sql.cte("big").as(select(ORDERS.USER_ID).from(ORDERS).where(ORDERS.ID.gt(10L)));
        same(Sql.with(paid, big).select(USERS.NAME).from(USERS).join(paid, paid.field(ORDERS.USER_ID).eq(USERS.ID))
                        .join(big.as("b"), big.as("b").field(ORDERS.USER_ID).eq(USERS.ID)),
                "WITH \"paid\" AS (SELECT \"orders\".\"user_id\" FROM \"orders\" WHERE \"orders\".\"status\" = ?), "
                        + "\"big\" AS (SELECT \"orders\".\"user_id\" FROM \"orders\" WHERE \"orders\".\"id\" > ?) "
                        + "SELECT \"users\".\"name\" FROM \"users\" JOIN \"paid\" ON \"paid\".\"user_id\" = "
                        + "\"users\".\"id\" JOIN \"big\" AS \"b\" ON \"b\".\"user_id\" = \"users\".\"id\"");
        Cte tree = Sql.cte("tree");
        Field<Integer> depth = Sql.val(0, Integer.class).as("depth");
        Cte walk = tree.as(select(CATEGORY.ID, depth).from(CATEGORY).where(CATEGORY.PARENT_ID.isNull())
                .unionAll(select(CATEGORY.ID, tree.field(depth).plus(1)).from(CATEGORY)
                        .join(tree, CATEGORY.PARENT_ID.eq(tree.field(CATEGORY.ID)))));
        check(Sql.withRecursive(walk).select(tree.field(CATEGORY.ID), tree.field(depth)).from(tree),
                "WITH RECURSIVE \"tree\" AS (SELECT \"category\".\"id\", CAST(? AS INTEGER) AS \"depth\" FROM "
                        + "\"category\" WHERE \"category\".\"parent_id\" IS NULL UNION ALL SELECT "
                        + "\"category\".\"id\", (\"tree\".\"depth\" + ?) FROM \"category\" JOIN \"tree\" ON "
                        + "\"category\".\"parent_id\" = \"tree\".\"id\") SELECT \"tree\".\"id\", \"tree\".\"depth\" "
                        + "FROM \"tree\"",
                "WITH RECURSIVE `tree` AS (SELECT `category`.`id`, ? AS `depth` FROM `category` WHERE "
                        + "`category`.`parent_id` IS NULL UNION ALL SELECT `category`.`id`, (`tree`.`depth` + ?) "
                        + "FROM `category` JOIN `tree` ON `category`.`parent_id` = `tree`.`id`) SELECT `tree`.`id`, "
                        + "`tree`.`depth` FROM `tree`",
                "WITH RECURSIVE \"tree\" AS (SELECT \"category\".\"id\", ? AS \"depth\" FROM \"category\" WHERE "
                        + "\"category\".\"parent_id\" IS NULL UNION ALL SELECT \"category\".\"id\", "
                        + "(\"tree\".\"depth\" + ?) FROM \"category\" JOIN \"tree\" ON \"category\".\"parent_id\" = "
                        + "\"tree\".\"id\") SELECT \"tree\".\"id\", \"tree\".\"depth\" FROM \"tree\"");
    }

    @Test
    void indexHints() {
        Users u = USERS.as("u");
        check(select(u.ID).from(u.useIndex("users_email"))
                        .join(ORDERS.forceIndex("orders_user"), ORDERS.USER_ID.eq(u.ID)),
                "SELECT \"u\".\"id\" FROM \"users\" AS \"u\" JOIN \"orders\" ON \"orders\".\"user_id\" = \"u\".\"id\"",
                "SELECT `u`.`id` FROM `users` AS `u` USE INDEX (`users_email`) JOIN `orders` FORCE INDEX "
                        + "(`orders_user`) ON `orders`.`user_id` = `u`.`id`",
                "SELECT \"u\".\"id\" FROM \"users\" AS \"u\" INDEXED BY \"users_email\" JOIN \"orders\" INDEXED BY "
                        + "\"orders_user\" ON \"orders\".\"user_id\" = \"u\".\"id\"");
    }
}
