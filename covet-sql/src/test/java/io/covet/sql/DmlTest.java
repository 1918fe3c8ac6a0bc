package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.engine.Engine;
import io.covet.core.error.UniqueViolation;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.util.List;

import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Rows.strings;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** INSERT, UPDATE, DELETE, upserts and RETURNING executed on every engine. */
class DmlTest {

    private static List<String> names(Database db) {
        return strings(select(USERS.NAME).from(USERS).orderBy(USERS.ID).fetch(db), 0);
    }

    @AllEngines
    void insertsOneRowBySetAndManyRowsBySelect(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        assertThat(Sql.insertInto(USERS).set(USERS.ID, 5L).set(USERS.EMAIL, "edsger@example.nl")
                .set(USERS.NAME, "Edsger").set(USERS.ACTIVE, true).execute(db)).isEqualTo(1);
        // INSERT … SELECT copies the active users as orders of 1.00 each.
        int copied = Sql.insertInto(ORDERS).columns(ORDERS.ID, ORDERS.USER_ID, ORDERS.TOTAL, ORDERS.STATUS,
                        ORDERS.CREATED)
                .select(select(USERS.ID.plus(100L), USERS.ID, Sql.val(BigDecimal.ONE, BigDecimal.class),
                        Sql.val("copied", String.class), Sql.val(java.time.LocalDate.of(2024, 4, 1),
                                java.time.LocalDate.class))
                        .from(USERS).where(USERS.ACTIVE.eq(true)))
                .execute(db);
        assertThat(copied).isEqualTo(4);
        assertThat(longs(select(ORDERS.ID).from(ORDERS).where(ORDERS.STATUS.eq("copied")).orderBy(ORDERS.ID)
                .fetch(db), 0)).containsExactly(101L, 102L, 104L, 105L);
    }

    @AllEngines
    void insertWithDefaultValues(Scratch s) {
        Database db = s.db();
        String ddl = switch (s.engine()) {
            case POSTGRESQL -> "CREATE TABLE counters (id SERIAL PRIMARY KEY, n INTEGER NOT NULL DEFAULT 7)";
            case MARIADB -> "CREATE TABLE counters (id INT AUTO_INCREMENT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 7)";
            default -> "CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 7)";
        };
        db.sql(ddl).execute();
        Table counters = Sql.table("counters");
        assertThat(Sql.insertInto(counters).defaultValues().execute(db)).isEqualTo(1);
        assertThat(Sql.insertInto(counters).defaultValues().execute(db)).isEqualTo(1);
        List<Row> rows = select(Sql.field(counters, "id", Long.class), Sql.field(counters, "n", Integer.class))
                .from(counters).orderBy(Sql.field(counters, "id", Long.class)).fetch(db);
        assertThat(Rows.table(rows)).containsExactly(List.of("1", "7"), List.of("2", "7"));
    }

    @AllEngines
    void returningGivesBackTheAffectedRowsWhereTheEngineHasIt(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        List<Row> inserted = Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .values(6L, "barbara@example.com", "Barbara", true)
                .values(7L, "ken@example.com", "Ken", false)
                .returning(USERS.ID, USERS.NAME).fetch(db);
        assertThat(Rows.table(inserted)).containsExactly(List.of("6", "Barbara"), List.of("7", "Ken"));

        Update rename = Sql.update(USERS).set(USERS.NAME, Functions.upper(USERS.NAME)).where(USERS.ID.eq(6L))
                .returning(USERS.NAME);
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> rename.fetch(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("UPDATE … RETURNING is not supported by MariaDB. MariaDB has RETURNING on INSERT and "
                            + "DELETE only: select the rows with FOR UPDATE in the same transaction before updating "
                            + "them, or read them back by key afterwards.");
            assertThat(names(db)).contains("Barbara");
        } else {
            assertThat(strings(rename.fetch(db), 0)).containsExactly("BARBARA");
        }

        List<Row> deleted = Sql.deleteFrom(USERS).where(USERS.ID.ge(6L)).returning(USERS.ID).fetch(db);
        assertThat(longs(deleted, 0)).containsExactlyInAnyOrder(6L, 7L);
        assertThat(longs(select(Functions.count()).from(USERS).fetch(db), 0)).containsExactly(4L);
    }

    @AllEngines
    void upsertUpdatesOnConflictFromOneApi(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Insert upsert = Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .values(1L, "ada@example.com", "Ada Lovelace", true)
                .values(8L, "new@example.com", "Newcomer", true)
                .onConflict(USERS.ID)
                .doUpdate(USERS.NAME.set(Sql.excluded(USERS.NAME)), USERS.ACTIVE.set(Sql.excluded(USERS.ACTIVE)));
        upsert.execute(db);
        assertThat(names(db)).containsExactly("Ada Lovelace", "Alan", "Grace", "Linus", "Newcomer");

        // An update expression may use the existing row and the proposed one.
        Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .values(2L, "alan@example.com", " Turing", true)
                .onConflict(USERS.ID).doUpdate(USERS.NAME.set(Functions.concat(USERS.NAME, Sql.excluded(USERS.NAME))))
                .execute(db);
        assertThat(names(db).get(1)).isEqualTo("Alan Turing");
    }

    @AllEngines
    void upsertDoNothingKeepsTheExistingRow(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .values(3L, "grace@navy.mil", "Someone else", true)
                .values(9L, "nine@example.com", "Nine", true)
                .onConflict(USERS.ID).doNothing().execute(db);
        assertThat(names(db)).containsExactly("Ada", "Alan", "Grace", "Linus", "Nine");
        Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .values(4L, "linus@example.org", "Other", true).onConflictDoNothing().execute(db);
        assertThat(names(db)).containsExactly("Ada", "Alan", "Grace", "Linus", "Nine");
        // Without an upsert clause the same row is a unique violation and nothing changes.
        assertThatThrownBy(() -> Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .values(4L, "linus@example.org", "Other", true).execute(db)).isInstanceOf(UniqueViolation.class);
        assertThat(names(db)).containsExactly("Ada", "Alan", "Grace", "Linus", "Nine");
    }

    @AllEngines
    void upsertFromASelectAndConditionalUpdate(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        Users u = USERS.as("src");
        // INSERT … SELECT … ON CONFLICT: SQLite needs the WHERE that covet adds to a SELECT without one.
        Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .select(select(u.ID, u.EMAIL, Functions.lower(u.NAME), u.ACTIVE).from(u))
                .onConflict(USERS.ID).doUpdate(USERS.NAME.set(Sql.excluded(USERS.NAME)))
                .execute(db);
        assertThat(names(db)).containsExactly("ada", "alan", "grace", "linus");

        Insert onlyInactive = Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.ACTIVE)
                .values(3L, "grace@navy.mil", "Grace Hopper", false)
                .values(4L, "linus@example.org", "Linus T", true)
                .onConflict(USERS.ID)
                .doUpdateWhere(USERS.ACTIVE.eq(false), USERS.NAME.set(Sql.excluded(USERS.NAME)));
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> onlyInactive.execute(db)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("a WHERE on an upsert's update is not supported by MariaDB. Put the condition into "
                            + "the assigned values, e.g. SET c = IF(cond, VALUES(c), c), with Sql.raw(…).");
            assertThat(names(db)).containsExactly("ada", "alan", "grace", "linus");
        } else {
            onlyInactive.execute(db);
            assertThat(names(db)).containsExactly("ada", "alan", "Grace Hopper", "linus");
        }
    }

    @AllEngines
    void updateAndDeleteWithExpressionsAndAliases(Scratch s) {
        Database db = s.db();
        TestSchema.seed(db);
        int changed = Sql.update(ORDERS).set(ORDERS.TOTAL, ORDERS.TOTAL.times(new BigDecimal("2")))
                .set(ORDERS.STATUS, "doubled").where(ORDERS.USER_ID.eq(1L)).execute(db);
        assertThat(changed).isEqualTo(2);
        assertThat(Rows.decimals(select(ORDERS.TOTAL).from(ORDERS).where(ORDERS.STATUS.eq("doubled"))
                .orderBy(ORDERS.ID).fetch(db), 0)).containsExactly(new BigDecimal("25.00"), new BigDecimal("20.00"));

        Orders o = ORDERS.as("o");
        assertThat(Sql.update(o).set(o.STATUS, "big").where(o.TOTAL.gt(new BigDecimal("19.99"))).execute(db))
                .isEqualTo(3);
        assertThat(Sql.deleteFrom(o).where(o.STATUS.eq("big")).execute(db)).isEqualTo(3);
        assertThat(longs(select(ORDERS.ID).from(ORDERS).fetch(db), 0)).containsExactly(12L);
    }
}
