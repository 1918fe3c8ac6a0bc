package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.migrate.history.cascade.Box;
import io.covet.migrate.history.cascade.Box_;
import io.covet.migrate.history.cascade.Item;
import io.covet.migrate.history.cascade.Item_;
import io.covet.migrate.history.cascade.Node;
import io.covet.migrate.history.cascade.Node_;
import io.covet.migrate.history.cascade.Owner;
import io.covet.migrate.history.cascade.Owner_;
import io.covet.migrate.history.cascade.Shelf;
import io.covet.migrate.history.cascade.Shelf_;
import io.covet.orm.Entity;
import io.covet.orm.Orm;
import io.covet.orm.spi.ModelType;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows of a tracked table that the database itself changes through a foreign key's {@code ON DELETE CASCADE} or
 * {@code SET NULL} ({@code dbOnDelete}), when another application deletes the referenced row: each gets its version,
 * at every level of a chain of such keys. PostgreSQL and SQLite fire the child's triggers for these rows; MariaDB's
 * InnoDB does not, so there the migrations add a trigger on the referenced table that acts first with an ordinary
 * statement, created, dropped and reversed in step with the keys; a key to its own table is refused on MariaDB.
 */
class HistoryDbCascadeTest {
    private final MigrationSteps steps = new MigrationSteps();

    private Orm migrated(Database db, ModelType<?>... types) {
        Orm orm = Orm.builder().database(db).models(types).build();
        steps.makemigrations(models(orm));
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, models(orm));
        return orm;
    }

    /** The models of {@code orm}, all in one app (the later Box lives in another package). */
    private static SchemaSource models(Orm orm) {
        return OrmSchemaSource.of(orm.schema(), m -> "store");
    }

    /** Runs {@code sql} on a plain JDBC connection in autocommit, as another application would. */
    private static void raw(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            st.executeUpdate(sql);
        }
    }

    /** The versions of {@code history} as "type key col", in history order; asserts each key's versions chain. */
    private static List<String> versions(Database db, String history, String col) {
        List<String> out = new ArrayList<>();
        Map<Long, List<String[]>> byKey = new TreeMap<>();
        db.sql("SELECT id, change_type, " + col + ", valid_from, valid_to FROM " + history + " ORDER BY history_id")
                .list().forEach(r -> {
                    out.add(r.getString("change_type") + " " + r.getLong("id") + " " + r.getString(col));
                    byKey.computeIfAbsent(r.getLong("id"), k -> new ArrayList<>())
                            .add(new String[]{r.getString("valid_from"), r.getString("valid_to")});
                });
        byKey.forEach((key, list) -> {
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i)[1]).as("%s key %d version %d", history, key, i)
                        .isEqualTo(i + 1 < list.size() ? list.get(i + 1)[0] : null);
            }
        });
        return out;
    }

    private static Instant lastStart(Database db, String history) {
        String t = db.sql("SELECT MAX(valid_from) AS t FROM " + history).list().get(0).getString("t");
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static long count(Database db, String table) {
        return db.sql("SELECT COUNT(*) AS n FROM " + table).list().get(0).getLong("n");
    }

    private static long historyRows(Database db) {
        return count(db, "shelf_history") + count(db, "box_history") + count(db, "item_history");
    }

    private static <T extends Entity> List<Long> idsAsOf(Orm orm, ModelType<T> type, Instant t,
                                                         java.util.function.Function<T, Long> id) {
        return orm.objects(type).asOf(t).list().stream().map(id).sorted().toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(5); // separates two steps on the database clock (SQLite keeps milliseconds); nothing is timed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On MariaDB, the BEFORE triggers (the ones acting for foreign keys) as "table: statement"; elsewhere none. */
    private static List<String> actionTriggers(Database db, Engine engine) {
        if (engine != Engine.MARIADB) {
            return List.of();
        }
        return db.sql("SELECT EVENT_OBJECT_TABLE AS t, ACTION_STATEMENT AS s FROM information_schema.TRIGGERS "
                        + "WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_TIMING = 'BEFORE' ORDER BY t, s").list()
                .stream().map(r -> r.getString("t") + ": " + r.getString("s")).toList();
    }

    private static final List<String> ALL_ACTIONS = List.of(
            "box: DELETE FROM `item` WHERE `box_id` = OLD.`id`",
            "owner: UPDATE `box` SET `owner_id` = NULL WHERE `owner_id` = OLD.`id`",
            "shelf: DELETE FROM `box` WHERE `shelf_id` = OLD.`id`");

    @AllEngines
    void rowsTheDatabaseDeletesOrSetsNullAreRecordedAtEveryLevel(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = migrated(db, Shelf_.TYPE, Owner_.TYPE, Box_.TYPE, Item_.TYPE);
        Shelf top = orm.save(new Shelf("top"));
        Shelf low = orm.save(new Shelf("low"));
        Owner olga = orm.save(new Owner("olga"));
        Box b1 = orm.save(new Box("b1", top, olga));
        Box b2 = orm.save(new Box("b2", top, null));
        Box b3 = orm.save(new Box("b3", low, olga));
        Item i1 = orm.save(new Item("i1", b1));
        Item i2 = orm.save(new Item("i2", b2));
        Item i3 = orm.save(new Item("i3", b3));
        long writes = 2 + 3 + 3; // one version per tracked row written (owner is not tracked)
        assertThat(historyRows(db)).isEqualTo(writes);
        Instant stocked = lastStart(db, "item_history");
        sleep();

        // another application deletes the shelf: the database deletes its two boxes and their items
        raw(db, "DELETE FROM shelf WHERE id = " + top.id());
        writes += 1 + 2 + 2;
        assertThat(historyRows(db)).isEqualTo(writes);
        assertThat(count(db, "box")).isEqualTo(1);
        assertThat(versions(db, "shelf_history", "name")).containsExactly(
                "+ " + top.id() + " top", "+ " + low.id() + " low", "- " + top.id() + " top");
        assertThat(versions(db, "item_history", "name")).containsExactly("+ " + i1.id() + " i1",
                "+ " + i2.id() + " i2", "+ " + i3.id() + " i3", "- " + i1.id() + " i1", "- " + i2.id() + " i2");
        // PostgreSQL times each row's write (clock_timestamp()): the delete is complete as of the latest of them
        Instant cleared = java.util.stream.Stream.of("shelf_history", "box_history", "item_history")
                .map(h -> lastStart(db, h)).max(Instant::compareTo).orElseThrow();
        sleep();

        // … and the owner: the database sets the remaining box's owner to NULL
        raw(db, "DELETE FROM owner WHERE id = " + olga.id());
        writes += 1;
        assertThat(historyRows(db)).isEqualTo(writes);
        assertThat(versions(db, "box_history", "owner_id")).containsExactly(
                "+ " + b1.id() + " " + olga.id(), "+ " + b2.id() + " null", "+ " + b3.id() + " " + olga.id(),
                "- " + b1.id() + " " + olga.id(), "- " + b2.id() + " null", "~ " + b3.id() + " null");
        Instant orphaned = lastStart(db, "box_history");

        assertThat(idsAsOf(orm, Box_.TYPE, stocked, Box::id)).containsExactly(b1.id(), b2.id(), b3.id());
        assertThat(idsAsOf(orm, Box_.TYPE, cleared, Box::id)).containsExactly(b3.id());
        assertThat(idsAsOf(orm, Item_.TYPE, stocked, Item::id)).containsExactly(i1.id(), i2.id(), i3.id());
        assertThat(idsAsOf(orm, Item_.TYPE, cleared, Item::id)).containsExactly(i3.id());
        assertThat(idsAsOf(orm, Shelf_.TYPE, cleared, Shelf::id)).containsExactly(low.id());
        assertThat(orm.objects(Box_.TYPE).asOf(cleared).list().get(0).ownerId()).isEqualTo(olga.id());
        assertThat(orm.objects(Box_.TYPE).asOf(orphaned).list().get(0).ownerId()).isNull();
        assertThat(actionTriggers(db, s.engine())).isEqualTo(s.engine() == Engine.MARIADB ? ALL_ACTIONS : List.of());
    }

    @AllEngines
    void migrationsCreateChangeAndDropTheActingTriggersWithTheKeys(Scratch s) throws Exception {
        Database db = s.db();
        Migration m1 = steps.makemigrations(models(
                Orm.builder().database(db).models(Shelf_.TYPE, Owner_.TYPE, Box_.TYPE, Item_.TYPE).build()));
        String preview = String.join("\n", SqlPreview.sql(steps.graph(), m1.key(), db.dialect(), false));
        String back = String.join("\n", SqlPreview.sql(steps.graph(), m1.key(), db.dialect(), true));
        if (s.engine() == Engine.MARIADB) {
            assertThat(preview).contains("BEFORE DELETE ON `shelf` FOR EACH ROW DELETE FROM `box` WHERE `shelf_id` = "
                    + "OLD.`id`", "BEFORE DELETE ON `owner` FOR EACH ROW UPDATE `box` SET `owner_id` = NULL",
                    "BEFORE DELETE ON `box` FOR EACH ROW DELETE FROM `item`");
            assertThat(back).contains("DROP TRIGGER IF EXISTS `covet_hist_box_box_shelf_id_fk_act`");
        } else {
            assertThat(preview).doesNotContain("BEFORE DELETE");
        }
        steps.migrator(db).migrate(Target.latest());
        assertThat(actionTriggers(db, s.engine())).isEqualTo(s.engine() == Engine.MARIADB ? ALL_ACTIONS : List.of());

        // later: the shelf key stops cascading and the items go; the owner key still sets NULL
        Orm v2 = Orm.builder().database(db).models(Shelf_.TYPE, Owner_.TYPE,
                io.covet.migrate.history.cascade.v2.Box_.TYPE).build();
        steps.makemigrations(models(v2));
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, models(v2));
        assertThat(actionTriggers(db, s.engine())).isEqualTo(s.engine() == Engine.MARIADB
                ? List.of("owner: UPDATE `box` SET `owner_id` = NULL WHERE `owner_id` = OLD.`id`") : List.of());
        var shelf = v2.save(new Shelf("top"));
        var owner = v2.save(new Owner("olga"));
        v2.save(new io.covet.migrate.history.cascade.v2.Box("b", shelf, owner));
        raw(db, "DELETE FROM owner WHERE id = " + owner.id());
        assertThat(versions(db, "box_history", "owner_id")).containsExactly("+ 1 " + owner.id(), "~ 1 null");
        assertThatThrownBy(() -> raw(db, "DELETE FROM shelf WHERE id = " + shelf.id()))
                .isInstanceOf(java.sql.SQLException.class);
        assertThat(count(db, "box")).isEqualTo(1);

        // later still: only the shelf is left, so no key refers to anything
        Orm v3 = Orm.builder().database(db).models(Shelf_.TYPE).build();
        steps.makemigrations(models(v3));
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, models(v3));
        assertThat(actionTriggers(db, s.engine())).isEmpty();

        // back to the first migration: its triggers again, and they act
        steps.migrator(db).migrate(Target.of(m1.app(), m1.name()));
        assertThat(actionTriggers(db, s.engine())).isEqualTo(s.engine() == Engine.MARIADB ? ALL_ACTIONS : List.of());
        Orm v1 = Orm.builder().database(db).models(Shelf_.TYPE, Owner_.TYPE, Box_.TYPE, Item_.TYPE).build();
        Shelf again = v1.save(new Shelf("again"));
        Box box = v1.save(new Box("b", again, null));
        v1.save(new Item("i", box));
        raw(db, "DELETE FROM shelf WHERE id = " + again.id());
        assertThat(versions(db, "item_history", "name")).containsExactly("+ 1 i", "- 1 i");
        steps.migrator(db).migrate(Target.zero(m1.app()));
        if (s.engine() == Engine.MARIADB) {
            assertThat(db.sql("SELECT COUNT(*) AS n FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")
                    .list().get(0).getLong("n")).isZero();
        }
    }

    @AllEngines
    void aCascadeToItsOwnTableIsRecordedOrRefusedOnMariaDb(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = Orm.builder().database(db).models(Node_.TYPE).build();
        steps.makemigrations(models(orm));
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> steps.migrator(db).migrate(Target.latest()))
                    .isInstanceOf(MigrationException.class).hasMessageEndingWith("; nothing was changed")
                    .hasCauseInstanceOf(UnsupportedFeature.class)
                    .hasMessageContaining("is not supported by MariaDB")
                    .hasMessageContaining("foreign key node_parent_id_fk of node, which references its own table")
                    .hasMessageContaining("@ForeignKey(onDelete = OnDelete.CASCADE) without a database rule");
            assertThat(db.sql("SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME LIKE 'node%'").list().get(0).getLong("n")).isZero();
            assertThat(steps.migrator(db).status()).allMatch(st -> !st.applied());
            return;
        }
        steps.migrator(db).migrate(Target.latest());
        Node root = orm.save(new Node("root", null));
        Node child = orm.save(new Node("child", root));
        orm.save(new Node("leaf", child));
        Node other = orm.save(new Node("other", null));
        raw(db, "DELETE FROM node WHERE id = " + root.id());
        List<String> v = versions(db, "node_history", "name");
        assertThat(v.subList(0, 4)).containsExactly("+ 1 root", "+ 2 child", "+ 3 leaf", "+ 4 other");
        assertThat(v.subList(4, v.size())).containsExactlyInAnyOrder("- 1 root", "- 2 child", "- 3 leaf");
        assertThat(idsAsOf(orm, Node_.TYPE, lastStart(db, "node_history"), Node::id)).containsExactly(other.id());
    }
}
