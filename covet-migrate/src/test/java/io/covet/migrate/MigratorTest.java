package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorTest {
    static Schema live(Database db) {
        // Covet's bookkeeping tables outlive a migration back to zero
        return Introspector.read(db, t -> !t.equals("covet_migrations")
                && !t.equals(io.covet.schema.HistoryTable.HORIZON_TABLE));
    }

    static void assertMatches(Database db, MigrationGraph g, java.util.function.Predicate<MigrationKey> applied) {
        Schema expected = g.state(applied).schema();
        assertThat(SchemaComparison.differences(expected, live(db), db.engine())).isEmpty();
    }

    @AllEngines
    void appliesForwardBackwardAndToZeroWithHistory(Scratch s) {
        Database db = s.db();
        List<Migration> ms = List.of(Shop.m1(), Shop.m2(), Shop.m3());
        MigrationGraph g = new MigrationGraph(ms, java.util.Set.of());
        Migrator migrator = Migrator.builder(db, ms).build();

        assertThat(migrator.plan(Target.latest()).describe()).contains("Apply shop.0001_initial",
                "    Create model customer", "Apply shop.0003_rename");
        assertThat(migrator.migrate(Target.latest())).hasSize(3);
        assertMatches(db, g, k -> true);
        assertThat(db.sql("SELECT points FROM customer WHERE full_name = 'seed'").list()).hasSize(1);
        assertThat(migrator.migrate(Target.latest())).isEmpty();
        List<MigrationStatus> st = migrator.status();
        assertThat(st).allMatch(MigrationStatus::applied);
        assertThat(db.sql("SELECT app, name, checksum, applied_at, duration_ms, applied_by FROM covet_migrations")
                .list()).hasSize(3).allSatisfy(r -> assertThat(String.valueOf(r.get("applied_by"))).contains("@"));

        assertThat(migrator.migrate(Target.of("shop", "0001_initial")))
                .extracting(l -> l.substring(0, l.indexOf(" in ")))
                .containsExactly("Unapplied shop.0003_rename", "Unapplied shop.0002_more");
        assertMatches(db, g, k -> k.name().equals("0001_initial"));

        migrator.migrate(Target.of("shop", "0002_more"));
        assertMatches(db, g, k -> !k.name().equals("0003_rename"));
        migrator.migrate(Target.zero("shop"));
        assertThat(live(db).tables()).isEmpty();
        assertThat(db.sql("SELECT * FROM covet_migrations").list()).isEmpty();
    }

    @AllEngines
    void fakeRecordsWithoutRunning(Scratch s) {
        Database db = s.db();
        Migrator fake = Migrator.builder(db, List.of(Shop.m1())).fake(true).build();
        assertThat(fake.migrate(Target.latest())).singleElement().asString()
                .startsWith("Applied shop.0001_initial (fake)");
        assertThat(live(db).tables()).isEmpty();
        assertThat(fake.status()).singleElement().matches(MigrationStatus::applied);
        fake.migrate(Target.zero("shop"));
        assertThat(fake.status()).singleElement().matches(x -> !x.applied());
    }

    @AllEngines
    void failingMigrationIsRolledBackWholeOrRecordedAsPartial(Scratch s) {
        Database db = s.db();
        Migration bad = new Migration(new MigrationKey("shop", "0002_bad"), List.of(Shop.m1().key()), List.of(
                new AddField("customer", io.covet.schema.Column.nullable("note", Shop.INT)),
                new RunSql(List.of("INSERT INTO no_such_table VALUES (1)"), List.of())));
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), bad)).build();
        assertThatThrownBy(() -> m.migrate(Target.latest()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration shop.0002_bad failed at operation 2 of 2 (Raw SQL");
        boolean partial = s.engine() == Engine.MARIADB;
        assertThat(live(db).require("customer").column("note").isPresent()).isEqualTo(partial);
        if (partial) {
            assertThatThrownBy(() -> m.migrate(Target.latest()))
                    .hasMessageContaining("migration shop.0002_bad was interrupted after operation 1 of 2");
            Migrator rollback = Migrator.builder(db, List.of(Shop.m1(), bad)).onPartial(Migrator.OnPartial.ROLLBACK)
                    .build();
            assertThat(rollback.migrate(Target.of("shop", "0001_initial")))
                    .containsExactly("Rolled back the 1 applied operation(s) of shop.0002_bad");
            assertThat(live(db).require("customer").column("note")).isEmpty();
            assertThat(rollback.status()).extracting(MigrationStatus::applied).containsExactly(true, false);
        } else {
            assertThat(m.status()).extracting(MigrationStatus::applied).containsExactly(true, false);
        }
    }

    @AllEngines
    void irreversibleOperationRefusesBeforeChangingAnything(Scratch s) {
        Database db = s.db();
        Migration oneWay = new Migration(new MigrationKey("shop", "0002_oneway"), List.of(Shop.m1().key()), List.of(
                new AddField("customer", io.covet.schema.Column.nullable("note", Shop.INT)),
                new RunSql(List.of("UPDATE customer SET note = 1"), null)));
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), oneWay)).build();
        m.migrate(Target.latest());
        assertThatThrownBy(() -> m.migrate(Target.zero("shop")))
                .isInstanceOf(IrreversibleOperation.class)
                .hasMessage("cannot unapply shop.0002_oneway: operation 2 (Raw SQL 'UPDATE customer SET note = 1') is "
                        + "irreversible; nothing was changed");
        assertThat(m.status()).allMatch(MigrationStatus::applied);
        assertThat(live(db).require("customer").column("note")).isPresent();
    }

    @AllEngines
    void editingAnAppliedMigrationIsReported(Scratch s) {
        Database db = s.db();
        Migrator.builder(db, List.of(Shop.m1())).build().migrate(Target.latest());
        Migration edited = new Migration(Shop.m1().key(), List.of(), List.of(new CreateModel(Shop.customer())));
        Migrator m = Migrator.builder(db, List.of(edited)).build();
        assertThat(m.status()).singleElement().matches(MigrationStatus::edited);
        assertThatThrownBy(() -> m.migrate(Target.latest()))
                .hasMessageStartingWith("applied migration(s) shop.0001_initial were edited after they were applied");
        Migrator.builder(db, List.of(edited)).acceptEdited(true).build().migrate(Target.latest());
        assertThat(m.status()).singleElement().matches(x -> !x.edited());
    }

    @AllEngines
    void dataMigrationRunsInsideTheMigrationTransaction(Scratch s) {
        Database db = s.db();
        Migration data = new Migration(new MigrationKey("shop", "0002_data"), List.of(Shop.m1().key()), List.of(
                new RunJava(SeedCustomers.class.getName())));
        List<String> progress = new ArrayList<>();
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), data)).progress(progress::add).build();
        m.migrate(Target.latest());
        assertThat(db.sql("SELECT name FROM customer ORDER BY name").list()).hasSize(3);
        assertThat(progress).contains("seeded 3 customers");
        m.migrate(Target.of("shop", "0001_initial"));
        assertThat(db.sql("SELECT name FROM customer").list()).isEmpty();
    }

    /** A data migration used by the tests. */
    public static final class SeedCustomers implements DataMigration {
        @Override
        public void forward(MigrationContext ctx) throws Exception {
            for (String n : List.of("ada", "bob", "cy")) {
                ctx.execute("INSERT INTO customer (name) VALUES (?)", n);
            }
            ctx.progress("seeded " + ctx.query("SELECT COUNT(*) AS n FROM customer").size() * 3 + " customers");
        }

        @Override
        public void backward(MigrationContext ctx) throws Exception {
            ctx.execute("DELETE FROM customer WHERE name IN (?, ?, ?)", "ada", "bob", "cy");
        }
    }
}
