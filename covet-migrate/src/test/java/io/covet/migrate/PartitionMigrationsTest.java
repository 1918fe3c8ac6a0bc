package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.Partitioning;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A partitioned model in migrations: the autodetector's CreateModel carries the partitioning through the migration
 * file, {@code sqlmigrate} shows it, migrate creates the partitions (the engine's catalog lists them), rows land in
 * the partition their key selects, the database then matches the migrations, a later change of partitioning is
 * refused with the hand-written alternative named, and backward to zero drops it all. SQLite refuses the migration
 * before anything runs.
 */
class PartitionMigrationsTest {
    private static final ColumnType INTEGER = ColumnType.of(ColumnType.Kind.INTEGER);

    private static Table reading(Engine engine) {
        boolean pg = engine == Engine.POSTGRESQL;
        return Table.of("reading", List.of(Column.of("id", INTEGER), Column.of("yr", INTEGER),
                Column.nullable("val", ColumnType.varchar(20))), List.of("id", "yr"))
                .withPartitioning(new Partitioning(Partitioning.Method.RANGE, List.of("yr"), List.of(
                        new Partitioning.Partition("reading_old", pg ? "FROM (MINVALUE) TO (2024)"
                                : "LESS THAN (2024)"),
                        new Partitioning.Partition("reading_2024", pg ? "FROM (2024) TO (2025)" : "LESS THAN (2025)"),
                        new Partitioning.Partition("reading_rest", pg ? null : "LESS THAN (MAXVALUE)"))));
    }

    private static List<Migration> make(List<Migration> existing, Table t) {
        List<Migration> made = Autodetector.migrations(new MigrationGraph(existing, Set.of()),
                SchemaSource.of(Map.of("metrics", List.of(t))), Questioner.nonInteractive(false));
        // through the file form, as makemigrations writes them
        return made.stream().map(m -> MigrationFiles.parse(MigrationFiles.toJson(m), m.name())).toList();
    }

    @AllEngines
    void aPartitionedModelIsMigratedForwardAndBack(Scratch s) {
        Database db = s.db();
        List<Migration> first = make(List.of(), reading(s.engine()));
        assertThat(first).singleElement().satisfies(m -> assertThat(MigrationFiles.toJson(m))
                .contains("\"partitioning\"", "\"method\": \"RANGE\"", "\"name\": \"reading_2024\""));
        Migrator m1 = Migrator.builder(db, first).build();
        if (s.engine() == Engine.SQLITE) {
            assertThatThrownBy(() -> m1.migrate(Target.latest()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("partitioned table reading is not supported by SQLite. Declare the model "
                            + "without @Partitioned: SQLite keeps the rows in one table (an index on the partition "
                            + "key serves the same queries).")
                    .hasMessageContaining("nothing was changed");
            assertThat(MigratorTest.live(db).tables()).isEmpty();
            assertThat(m1.status()).singleElement().matches(x -> !x.applied());
            return;
        }
        MigrationKey k1 = first.get(0).key();
        String preview = String.join("\n", SqlPreview.sql(new MigrationGraph(first, Set.of()), k1, db.dialect(),
                false));
        assertThat(preview).contains(s.engine() == Engine.POSTGRESQL
                ? "PARTITION OF \"reading\" FOR VALUES FROM (2024) TO (2025)"
                : "PARTITION BY RANGE COLUMNS (`yr`) (PARTITION `reading_old` VALUES LESS THAN (2024)");
        m1.migrate(Target.latest());

        String catalog = s.engine() == Engine.POSTGRESQL
                ? "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'reading'::regclass ORDER BY c.relname"
                : "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'reading' ORDER BY PARTITION_NAME";
        assertThat(db.sql(catalog).list(r -> r.getString(1)))
                .containsExactly("reading_2024", "reading_old", "reading_rest");
        for (int yr : new int[] {2019, 2024, 2030}) {
            db.sql("INSERT INTO reading (id, yr, val) VALUES (?, ?, 'x')", yr, yr).execute();
        }
        assertThat(yearsIn(s, "reading_old")).containsExactly(2019);
        assertThat(yearsIn(s, "reading_2024")).containsExactly(2024);
        assertThat(yearsIn(s, "reading_rest")).containsExactly(2030);
        MigratorTest.assertMatches(db, new MigrationGraph(first, Set.of()), k -> true);
        assertThat(make(first, reading(s.engine()))).isEmpty();

        Table resplit = reading(s.engine()).withPartitioning(new Partitioning(Partitioning.Method.HASH,
                List.of("yr"), List.of(new Partitioning.Partition("reading_h0",
                s.engine() == Engine.POSTGRESQL ? "WITH (MODULUS 1, REMAINDER 0)" : null))));
        assertThatThrownBy(() -> make(first, resplit)).isInstanceOf(MigrationException.class)
                .hasMessage("the partitioning of reading changes (@Partitioned) other than by partitions added "
                        + "after the existing ones, which the autodetector does not generate: partitions of an "
                        + "existing table are dropped or re-split with the engine's own statements. Write that "
                        + "migration by hand (RunSQL inside SeparateDatabaseAndState, the state side recreating the "
                        + "model as partitioned)");

        m1.migrate(Target.zero("metrics"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
        assertThat(db.sql(catalog.replace("'reading'::regclass", "to_regclass('reading')")).list(r -> r.getString(1)))
                .isEmpty();
    }

    /** The years stored in one partition, as the engine's own syntax selects them. */
    private static List<Integer> yearsIn(Scratch s, String partition) {
        String from = s.engine() == Engine.POSTGRESQL ? partition : "reading PARTITION (" + partition + ")";
        return s.db().sql("SELECT yr FROM " + from + " ORDER BY yr").list(r -> r.getInt(1));
    }

    /**
     * PostgreSQL: RANGE with a DEFAULT partition, a range partition added; MariaDB: HASH (KEY), a part added.
     */
    private static Table grown(Engine engine, boolean added) {
        boolean pg = engine == Engine.POSTGRESQL;
        List<Partitioning.Partition> parts = new java.util.ArrayList<>(pg
                ? List.of(new Partitioning.Partition("reading_old", "FROM (MINVALUE) TO (2024)"),
                        new Partitioning.Partition("reading_rest", null))
                : List.of(new Partitioning.Partition("reading_h0", null),
                        new Partitioning.Partition("reading_h1", null)));
        if (added) {
            parts.add(pg ? new Partitioning.Partition("reading_2024", "FROM (2024) TO (2025)")
                    : new Partitioning.Partition("reading_h2", null));
        }
        return Table.of("reading", List.of(Column.of("id", INTEGER), Column.of("yr", INTEGER)), List.of("id", "yr"))
                .withPartitioning(new Partitioning(pg ? Partitioning.Method.RANGE : Partitioning.Method.HASH,
                        List.of("yr"), parts));
    }

    @AllEngines
    void aPartitionAddedToTheModelIsAddedAndReversedWithItsRowsKept(Scratch s) {
        Database db = s.db();
        if (s.engine() == Engine.SQLITE) {
            Table t = grown(Engine.POSTGRESQL, true);
            assertThatThrownBy(() -> io.covet.schema.SchemaDdl.of(db.dialect()).addPartition(t,
                    t.partitioning().partitions().get(2)))
                    .isInstanceOf(io.covet.core.error.UnsupportedFeature.class)
                    .hasMessage("partition reading_2024 of table reading is not supported by SQLite. SQLite keeps "
                            + "the rows in one table: declare the model without @Partitioned.");
            return;
        }
        List<Migration> all = new java.util.ArrayList<>(make(List.of(), grown(s.engine(), false)));
        MigrationKey k1 = all.get(0).key();
        List<Migration> second = make(all, grown(s.engine(), true));
        String added = s.engine() == Engine.POSTGRESQL ? "reading_2024" : "reading_h2";
        assertThat(second).singleElement().satisfies(m -> {
            assertThat(m.operations()).extracting(Operation::describe)
                    .containsExactly("Add partition " + added + " to reading");
            assertThat(MigrationFiles.toJson(m)).contains("\"op\": \"AddPartition\"", "\"name\": \"" + added + "\"");
        });
        all.addAll(second);
        MigrationKey k2 = second.get(0).key();
        assertThat(String.join("\n", SqlPreview.sql(new MigrationGraph(all, Set.of()), k2, db.dialect(), false)))
                .contains(s.engine() == Engine.POSTGRESQL
                        ? "CREATE TABLE \"reading_2024\" PARTITION OF \"reading\" FOR VALUES FROM (2024) TO (2025)"
                        : "ALTER TABLE `reading` ADD PARTITION (PARTITION `reading_h2`)");
        Migrator m = Migrator.builder(db, all).build();
        m.migrate(Target.of(k1.app(), k1.name()));
        for (int i = 0; i < 10; i++) {
            db.sql("INSERT INTO reading (id, yr) VALUES (?, ?)", i, 2019 + i * 2).execute();
        }
        m.migrate(Target.latest());
        String catalog = s.engine() == Engine.POSTGRESQL
                ? "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'reading'::regclass ORDER BY c.relname"
                : "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'reading' ORDER BY PARTITION_NAME";
        assertThat(db.sql(catalog).list(r -> r.getString(1))).contains(added).hasSize(3);
        if (s.engine() == Engine.POSTGRESQL) {
            db.sql("INSERT INTO reading (id, yr) VALUES (100, 2024)").execute();
            assertThat(yearsIn(s, "reading_2024")).containsExactly(2024);
        } else {
            db.sql("INSERT INTO reading (id, yr) VALUES (100, 2024)").execute();
        }
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> true);
        assertThat(make(all, grown(s.engine(), true))).isEmpty();
        List<Integer> before = db.sql("SELECT id FROM reading ORDER BY id").list(r -> r.getInt(1));
        assertThat(before).hasSize(11);

        m.migrate(Target.of(k1.app(), k1.name()));
        assertThat(db.sql(catalog).list(r -> r.getString(1))).doesNotContain(added).hasSize(2);
        assertThat(db.sql("SELECT id FROM reading ORDER BY id").list(r -> r.getInt(1))).isEqualTo(before);
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> k.equals(k1));
        m.migrate(Target.zero("metrics"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }

    /**
     * A LIST table with a DEFAULT partition ({@code visit}) and a RANGE table without one ({@code ledger}), each in
     * its own migration so one can be reversed alone; {@code added} adds {@code visit_mid} and/or
     * {@code ledger_2024} at the end.
     */
    private static List<Table> listAndRange(Engine engine, boolean visitMid, boolean ledger2024) {
        boolean pg = engine == Engine.POSTGRESQL;
        List<Partitioning.Partition> visit = new java.util.ArrayList<>(List.of(
                new Partitioning.Partition("visit_low", "IN (1, 2, 3)"), new Partitioning.Partition("visit_rest", null)));
        if (visitMid) {
            visit.add(new Partitioning.Partition("visit_mid", "IN (5, 6)"));
        }
        List<Partitioning.Partition> ledger = new java.util.ArrayList<>(List.of(
                new Partitioning.Partition("ledger_old", pg ? "FROM (MINVALUE) TO (2024)" : "LESS THAN (2024)")));
        if (ledger2024) {
            ledger.add(new Partitioning.Partition("ledger_2024", pg ? "FROM (2024) TO (2030)" : "LESS THAN (2030)"));
        }
        return List.of(
                Table.of("visit", List.of(Column.of("id", INTEGER), Column.of("code", INTEGER)), List.of("id", "code"))
                        .withPartitioning(new Partitioning(Partitioning.Method.LIST, List.of("code"), visit)),
                Table.of("ledger", List.of(Column.of("id", INTEGER), Column.of("yr", INTEGER)), List.of("id", "yr"))
                        .withPartitioning(new Partitioning(Partitioning.Method.RANGE, List.of("yr"), ledger)));
    }

    private static List<Migration> make(List<Migration> existing, List<Table> tables) {
        List<Migration> made = Autodetector.migrations(new MigrationGraph(existing, Set.of()),
                SchemaSource.of(Map.of("metrics", tables)), Questioner.nonInteractive(false));
        return made.stream().map(m -> MigrationFiles.parse(MigrationFiles.toJson(m), m.name())).toList();
    }

    /** Each row of the table as {@code partition:id:key}, the partition named by the engine itself. */
    private static List<String> rowsByPartition(Scratch s, String table, String key, List<String> partitions) {
        List<String> out = new java.util.ArrayList<>();
        for (String p : partitions) {
            String from = s.engine() == Engine.POSTGRESQL ? p : table + " PARTITION (" + p + ")";
            out.addAll(s.db().sql("SELECT id, " + key + " FROM " + from + " ORDER BY id")
                    .list(r -> p + ":" + r.getInt(1) + ":" + r.getInt(2)));
        }
        return out;
    }

    /**
     * The reverse of AddPartition on a LIST and a RANGE table keeps every row or changes nothing: on MariaDB the
     * table is partitioned again without the partition in one ALTER TABLE (rows of a LIST partition go to the
     * DEFAULT partition), and a RANGE partition holding rows no other partition takes is refused by a check before
     * anything changes; PostgreSQL moves the rows back inside the migration's transaction or rolls it back. Forward,
     * MariaDB moves the DEFAULT partition's rows of the new values into the new LIST partition (its ADD PARTITION
     * would leave them where queries by the key do not look); PostgreSQL refuses while the DEFAULT partition holds
     * such rows, with nothing changed.
     */
    @AllEngines
    void listAndRangePartitionsAddedAreReversedWithEveryRowKeptOrNothingChanged(Scratch s) {
        Database db = s.db();
        List<Migration> all = new java.util.ArrayList<>(make(List.of(), listAndRange(s.engine(), false, false)));
        if (s.engine() == Engine.SQLITE) {
            assertThatThrownBy(() -> Migrator.builder(db, all).build().migrate(Target.latest()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("is not supported by SQLite").hasMessageContaining("nothing was changed");
            assertThat(MigratorTest.live(db).tables()).isEmpty();
            return;
        }
        boolean pg = s.engine() == Engine.POSTGRESQL;
        MigrationKey k1 = all.get(0).key();
        List<Migration> second = make(all, listAndRange(s.engine(), true, false));
        all.addAll(second);
        MigrationKey k2 = second.get(0).key();
        List<Migration> third = make(all, listAndRange(s.engine(), true, true));
        all.addAll(third);
        assertThat(third).singleElement().satisfies(m -> assertThat(m.operations()).extracting(Operation::describe)
                .containsExactly("Add partition ledger_2024 to ledger"));
        Migrator m = Migrator.builder(db, all).build();
        m.migrate(Target.of(k1.app(), k1.name()));
        for (int code : new int[] {1, 3, 6, 9}) {
            db.sql("INSERT INTO visit (id, code) VALUES (?, ?)", code, code).execute();
        }
        db.sql("INSERT INTO ledger (id, yr) VALUES (1, 2020)").execute();
        List<String> visitParts = List.of("visit_low", "visit_rest", "visit_mid");
        if (pg) {
            // the DEFAULT partition holds a row of the new values: PostgreSQL refuses, and nothing changed
            assertThatThrownBy(() -> m.migrate(Target.of(k2.app(), k2.name())))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("default partition");
            assertThat(rowsByPartition(s, "visit", "code", visitParts.subList(0, 2)))
                    .containsExactly("visit_low:1:1", "visit_low:3:3", "visit_rest:6:6", "visit_rest:9:9");
            db.sql("DELETE FROM visit WHERE code = 6").execute();
            m.migrate(Target.of(k2.app(), k2.name()));
            db.sql("INSERT INTO visit (id, code) VALUES (6, 6)").execute();
        } else {
            m.migrate(Target.of(k2.app(), k2.name()));
        }
        // the row of 6 is in the new partition, and a query by the key finds it
        assertThat(rowsByPartition(s, "visit", "code", visitParts))
                .containsExactly("visit_low:1:1", "visit_low:3:3", "visit_rest:9:9", "visit_mid:6:6");
        assertThat(db.sql("SELECT id FROM visit WHERE code = 6").list(r -> r.getInt(1))).containsExactly(6);
        db.sql("INSERT INTO visit (id, code) VALUES (5, 5)").execute();
        m.migrate(Target.latest());
        db.sql("INSERT INTO ledger (id, yr) VALUES (2, 2025)").execute();
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> true);

        // ledger_2024 holds a row that no other partition takes: the reverse stops, nothing changed
        MigrationKey k3 = third.get(0).key();
        assertThatThrownBy(() -> m.migrate(Target.of(k2.app(), k2.name())))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining(pg ? "no partition of relation" : "partition ledger_2024 of table ledger holds "
                        + "rows that no other partition takes, so it cannot be removed with them kept. Move or "
                        + "delete those rows first; nothing was changed");
        assertThat(rowsByPartition(s, "ledger", "yr", List.of("ledger_old", "ledger_2024")))
                .containsExactly("ledger_old:1:2020", "ledger_2024:2:2025");
        // PostgreSQL rolled the migration back; MariaDB records it as partial with its one operation still in
        assertThat(m.status()).filteredOn(x -> x.key().equals(k3)).singleElement()
                .satisfies(x -> assertThat(pg ? x.applied() : x.partial() && x.opsDone() == 1).isTrue());
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> true);

        // once the row is gone the reverse runs (on MariaDB by undoing the partial migration, as
        // `covet migrate --rollback-partial` does); then visit_mid's rows go back to the DEFAULT partition
        db.sql("DELETE FROM ledger WHERE yr = 2025").execute();
        (pg ? m : Migrator.builder(db, all).onPartial(Migrator.OnPartial.ROLLBACK).build())
                .migrate(Target.of(k2.app(), k2.name()));
        assertThat(rowsByPartition(s, "ledger", "yr", List.of("ledger_old"))).containsExactly("ledger_old:1:2020");
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> !k.equals(k3));
        m.migrate(Target.of(k1.app(), k1.name()));
        assertThat(rowsByPartition(s, "visit", "code", visitParts.subList(0, 2))).containsExactly("visit_low:1:1",
                "visit_low:3:3", "visit_rest:5:5", "visit_rest:6:6", "visit_rest:9:9");
        assertThat(db.sql("SELECT id FROM visit WHERE code = 6").list(r -> r.getInt(1))).containsExactly(6);
        MigratorTest.assertMatches(db, new MigrationGraph(all, Set.of()), k -> k.equals(k1));
        m.migrate(Target.zero("metrics"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
