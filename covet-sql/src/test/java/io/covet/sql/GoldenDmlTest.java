package io.covet.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.covet.sql.Golden.REFUSED;
import static io.covet.sql.Golden.check;
import static io.covet.sql.Golden.same;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;

/** The exact SQL of INSERT, UPDATE, DELETE, upserts, RETURNING and CTEs in DML on each dialect. */
class GoldenDmlTest {

    @Test
    void inserts() {
        check(Sql.insertInto(USERS).columns(USERS.ID, USERS.NAME).values(1L, "a").values(2L, Functions.upper(
                        Sql.val("b", String.class))),
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?), (?, UPPER(CAST(? AS TEXT)))",
                "INSERT INTO `users` (`id`, `name`) VALUES (?, ?), (?, UPPER(?))",
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?), (?, UPPER(?))");
        same(Sql.insertInto(USERS).set(USERS.ID, 1L).set(USERS.NAME, "a"),
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?)");
        same(Sql.insertInto(ORDERS).columns(ORDERS.ID, ORDERS.USER_ID).select(select(USERS.ID, USERS.ID).from(USERS)),
                "INSERT INTO \"orders\" (\"id\", \"user_id\") SELECT \"users\".\"id\", \"users\".\"id\" FROM "
                        + "\"users\"");
        check(Sql.insertInto(Sql.table("counters")).defaultValues(),
                "INSERT INTO \"counters\" DEFAULT VALUES",
                "INSERT INTO `counters` VALUES ()",
                "INSERT INTO \"counters\" DEFAULT VALUES");
    }

    @Test
    void upserts() {
        Insert base = Sql.insertInto(USERS).columns(USERS.ID, USERS.NAME).values(1L, "a");
        check(base.onConflict(USERS.ID).doUpdate(USERS.NAME.set(Sql.excluded(USERS.NAME))),
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" "
                        + "= EXCLUDED.\"name\"",
                "INSERT INTO `users` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)",
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" "
                        + "= EXCLUDED.\"name\"");
        check(base.onConflict(USERS.ID).doNothing(),
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT (\"id\") DO NOTHING",
                "INSERT INTO `users` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `id` = `id`",
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT (\"id\") DO NOTHING");
        check(base.onConflictDoNothing(),
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT DO NOTHING",
                "INSERT INTO `users` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `id` = `id`",
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT DO NOTHING");
        check(base.onConflict(USERS.ID).doUpdateWhere(USERS.ACTIVE.eq(false), USERS.NAME.set("x")),
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" "
                        + "= ? WHERE \"users\".\"active\" = ?",
                REFUSED + "a WHERE on an upsert's update is not supported by MariaDB. Put the condition into the "
                        + "assigned values, e.g. SET c = IF(cond, VALUES(c), c), with Sql.raw(…).",
                "INSERT INTO \"users\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" "
                        + "= ? WHERE \"users\".\"active\" = ?");
        check(Sql.insertInto(USERS).columns(USERS.ID, USERS.NAME).select(select(USERS.ID, USERS.NAME).from(USERS))
                        .onConflict(USERS.ID).doNothing(),
                "INSERT INTO \"users\" (\"id\", \"name\") SELECT \"users\".\"id\", \"users\".\"name\" FROM \"users\" "
                        + "ON CONFLICT (\"id\") DO NOTHING",
                "INSERT INTO `users` (`id`, `name`) SELECT `users`.`id`, `users`.`name` FROM `users` ON DUPLICATE "
                        + "KEY UPDATE `id` = `id`",
                "INSERT INTO \"users\" (\"id\", \"name\") SELECT \"users\".\"id\", \"users\".\"name\" FROM \"users\" "
                        + "WHERE 1 = 1 ON CONFLICT (\"id\") DO NOTHING");
    }

    @Test
    void returning() {
        check(Sql.insertInto(USERS).columns(USERS.ID).values(1L).returning(USERS.ID, USERS.NAME.as("n")),
                "INSERT INTO \"users\" (\"id\") VALUES (?) RETURNING \"users\".\"id\", \"users\".\"name\" AS \"n\"",
                "INSERT INTO `users` (`id`) VALUES (?) RETURNING `users`.`id`, `users`.`name` AS `n`",
                "INSERT INTO \"users\" (\"id\") VALUES (?) RETURNING \"users\".\"id\", \"users\".\"name\" AS \"n\"");
        check(Sql.update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(1L)).returning(USERS.asterisk()),
                "UPDATE \"users\" SET \"name\" = ? WHERE \"users\".\"id\" = ? RETURNING \"users\".*",
                REFUSED + "UPDATE … RETURNING is not supported by MariaDB. MariaDB has RETURNING on INSERT and "
                        + "DELETE only: select the rows with FOR UPDATE in the same transaction before updating "
                        + "them, or read them back by key afterwards.",
                "UPDATE \"users\" SET \"name\" = ? WHERE \"users\".\"id\" = ? RETURNING \"users\".*");
        check(Sql.deleteFrom(USERS).where(USERS.ID.eq(1L)).returning(USERS.ID),
                "DELETE FROM \"users\" WHERE \"users\".\"id\" = ? RETURNING \"users\".\"id\"",
                "DELETE FROM `users` WHERE `users`.`id` = ? RETURNING `users`.`id`",
                "DELETE FROM \"users\" WHERE \"users\".\"id\" = ? RETURNING \"users\".\"id\"");
    }

    @Test
    void updatesAndDeletes() {
        check(Sql.update(ORDERS).set(ORDERS.TOTAL, ORDERS.TOTAL.times(BigDecimal.TEN)).set(ORDERS.STATUS, (String) null)
                        .where(ORDERS.ID.eq(1L)),
                "UPDATE \"orders\" SET \"total\" = (\"orders\".\"total\" * ?), \"status\" = ? WHERE "
                        + "\"orders\".\"id\" = ?",
                "UPDATE `orders` SET `total` = (`orders`.`total` * ?), `status` = ? WHERE `orders`.`id` = ?",
                "UPDATE \"orders\" SET \"total\" = (\"orders\".\"total\" * CAST(? AS REAL)), \"status\" = ? WHERE "
                        + "\"orders\".\"id\" = ?");
        Users u = USERS.as("u");
        same(Sql.update(u).set(u.NAME, Functions.lower(u.NAME)),
                "UPDATE \"users\" AS \"u\" SET \"name\" = LOWER(\"u\".\"name\")");
        same(Sql.deleteFrom(USERS).where(USERS.ACTIVE.eq(false)),
                "DELETE FROM \"users\" WHERE \"users\".\"active\" = ?");
        check(Sql.deleteFrom(u).where(u.ACTIVE.eq(false)),
                "DELETE FROM \"users\" AS \"u\" WHERE \"u\".\"active\" = ?",
                "DELETE `u` FROM `users` AS `u` WHERE `u`.`active` = ?",
                "DELETE FROM \"users\" AS \"u\" WHERE \"u\".\"active\" = ?");
        check(Sql.deleteFrom(u).where(u.ACTIVE.eq(false)).returning(u.ID),
                "DELETE FROM \"users\" AS \"u\" WHERE \"u\".\"active\" = ? RETURNING \"u\".\"id\"",
                REFUSED + "DELETE … RETURNING on an aliased table is not supported by MariaDB. Delete from the table "
                        + "without an alias: MariaDB allows RETURNING only on single-table DELETE, which cannot be "
                        + "aliased.",
                "DELETE FROM \"users\" AS \"u\" WHERE \"u\".\"active\" = ? RETURNING \"u\".\"id\"");
    }

    @Test
    void ctesInDml() {
        Cte old = Sql.cte("old").as(select(USERS.ID).from(USERS).where(USERS.ACTIVE.eq(false)));
        check(Sql.with(old).insertInto(ORDERS).columns(ORDERS.ID).select(select(old.field(USERS.ID)).from(old)),
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) INSERT INTO "
                        + "\"orders\" (\"id\") SELECT \"old\".\"id\" FROM \"old\"",
                "INSERT INTO `orders` (`id`) WITH `old` AS (SELECT `users`.`id` FROM `users` WHERE `users`.`active` "
                        + "= ?) SELECT `old`.`id` FROM `old`",
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) INSERT INTO "
                        + "\"orders\" (\"id\") SELECT \"old\".\"id\" FROM \"old\"");
        check(Sql.with(old).insertInto(ORDERS).columns(ORDERS.ID).values(1L),
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) INSERT INTO "
                        + "\"orders\" (\"id\") VALUES (?)",
                REFUSED + "WITH … INSERT … VALUES is not supported by MariaDB. MariaDB takes a WITH clause only in "
                        + "the SELECT of an INSERT … SELECT: use insertInto(…).select(…) with the CTEs on that "
                        + "select.",
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) INSERT INTO "
                        + "\"orders\" (\"id\") VALUES (?)");
        check(Sql.with(old).update(USERS).set(USERS.NAME, "old").where(USERS.ID.in(select(old.field(USERS.ID))
                        .from(old))),
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) UPDATE "
                        + "\"users\" SET \"name\" = ? WHERE \"users\".\"id\" IN (SELECT \"old\".\"id\" FROM \"old\")",
                REFUSED + "WITH … UPDATE is not supported by MariaDB. MariaDB takes WITH only in SELECT and INSERT … "
                        + "SELECT: move the CTE into an IN (subquery) or a derived table in the WHERE.",
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) UPDATE "
                        + "\"users\" SET \"name\" = ? WHERE \"users\".\"id\" IN (SELECT \"old\".\"id\" FROM \"old\")");
        check(Sql.with(old).deleteFrom(USERS).where(USERS.ID.in(select(old.field(USERS.ID)).from(old))),
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) DELETE FROM "
                        + "\"users\" WHERE \"users\".\"id\" IN (SELECT \"old\".\"id\" FROM \"old\")",
                REFUSED + "WITH … DELETE is not supported by MariaDB. MariaDB takes WITH only in SELECT and INSERT … "
                        + "SELECT: move the CTE into an IN (subquery) in the WHERE.",
                "WITH \"old\" AS (SELECT \"users\".\"id\" FROM \"users\" WHERE \"users\".\"active\" = ?) DELETE FROM "
                        + "\"users\" WHERE \"users\".\"id\" IN (SELECT \"old\".\"id\" FROM \"old\")");
    }
}
