package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.SchemaDdl;
import io.covet.schema.UniqueConstraint;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ALTERs SQLite cannot do in place go through the table rebuild and keep rows, indexes and foreign keys. */
class RebuildTest {
    static Migration alterations() {
        return new Migration(new MigrationKey("shop", "0002_alter"), List.of(Shop.m1().key()), List.of(
                new AlterField("customer", Column.nullable("name", ColumnType.varchar(200))),
                new AddConstraint("customer", new CheckConstraint("customer_name_check", "name <> ''")),
                new AddConstraint("customer", new UniqueConstraint("customer_name_uniq", List.of("name"))),
                new RemoveField("orders", "total"),
                new AddField("orders", Column.nullable("note", ColumnType.varchar(20)))));
    }

    @AllEngines
    void typeChangeWithDefaultsConvertsRowsBothWays(Scratch s) {
        Database db = s.db();
        Migration add = new Migration(new MigrationKey("shop", "0002_status"), List.of(Shop.m1().key()), List.of(
                new AddField("customer", Column.of("status", ColumnType.varchar(10))
                        .withDefault(io.covet.schema.ColumnDefault.value("1")))));
        Migration retype = new Migration(new MigrationKey("shop", "0003_retype"), List.of(add.key()), List.of(
                new AlterField("customer", Column.of("status", Shop.INT)
                        .withDefault(io.covet.schema.ColumnDefault.value("2")))));
        List<Migration> ms = List.of(Shop.m1(), add, retype);
        Migrator m = Migrator.builder(db, ms).build();
        m.migrate(Target.of("shop", "0002_status"));
        db.sql("INSERT INTO customer (name) VALUES ('ada')").execute();
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        db.sql("INSERT INTO customer (name) VALUES ('bob')").execute();
        assertThat(db.sql("SELECT status FROM customer ORDER BY name").list(rs -> rs.getInt(1))).containsExactly(1, 2);
        m.migrate(Target.of("shop", "0002_status"));
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(db.sql("SELECT status FROM customer ORDER BY name").list(rs -> rs.getString(1)))
                .containsExactly("1", "2");
    }

    @AllEngines
    void alterationsKeepRowsAndForeignKeysBothWays(Scratch s) {
        Database db = s.db();
        List<Migration> ms = List.of(Shop.m1(), alterations());
        Migrator m = Migrator.builder(db, ms).build();
        m.migrate(Target.of("shop", "0001_initial"));
        db.sql("INSERT INTO customer (id, name) VALUES (1, 'ada'), (2, 'bob')").execute();
        db.sql("INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 5), (11, 2, 7)").execute();

        if (s.engine() == Engine.SQLITE) {
            MigrationGraph g = new MigrationGraph(ms, Set.of());
            List<Step> steps = alterations().operations().get(0).forward(g.state(k -> k.name().startsWith("0001"))
                    .schema(), SchemaDdl.of(db.dialect()));
            assertThat(steps).extracting(Object::toString).anyMatch(x -> x.startsWith("CREATE TABLE \"__covet_new_customer\""))
                    .anyMatch(x -> x.startsWith("INSERT INTO \"__covet_new_customer\""))
                    .contains("DROP TABLE \"customer\"", "ALTER TABLE \"__covet_new_customer\" RENAME TO \"customer\"");
        }
        m.migrate(Target.latest());
        MigratorTest.assertMatches(db, new MigrationGraph(ms, Set.of()), k -> true);
        assertThat(db.sql("SELECT o.id, c.name FROM orders o JOIN customer c ON c.id = o.customer_id ORDER BY o.id")
                .list(rs -> rs.getInt(1) + ":" + rs.getString(2))).containsExactly("10:ada", "11:bob");
        assertThatThrownBy(() -> db.sql("INSERT INTO orders (id, customer_id) VALUES (12, 99)").execute())
                .isInstanceOf(ForeignKeyViolation.class);
        db.sql("DELETE FROM customer WHERE id = 2").execute();
        assertThat(db.sql("SELECT id FROM orders").list()).hasSize(1); // ON DELETE CASCADE survived the rebuild

        m.migrate(Target.of("shop", "0001_initial"));
        MigratorTest.assertMatches(db, new MigrationGraph(ms, Set.of()), k -> k.name().startsWith("0001"));
        assertThat(db.sql("SELECT o.id, c.name, o.total FROM orders o JOIN customer c ON c.id = o.customer_id")
                .list(rs -> rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getInt(3))).containsExactly("10:ada:0");
    }
}
