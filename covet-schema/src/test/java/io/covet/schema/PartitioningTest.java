package io.covet.schema;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table declared with {@link Partitioning} is created partitioned (the engine's catalog lists its partitions),
 * rows land in the partition their key selects, the partitioning reads back equal to the declaration, a different
 * partitioning is a difference, and the engine's rules are refused before anything runs; SQLite refuses it.
 */
class PartitioningTest {
    private static final ColumnType INT = ColumnType.of(ColumnType.Kind.INTEGER);

    private static Table events(Engine engine, Partitioning.Method method) {
        boolean pg = engine == Engine.POSTGRESQL;
        List<Partitioning.Partition> parts = switch (method) {
            case RANGE -> List.of(new Partitioning.Partition("ev_old", pg ? "FROM (MINVALUE) TO (2024)"
                            : "LESS THAN (2024)"),
                    new Partitioning.Partition("ev_2024", pg ? "FROM (2024) TO (2025)" : "LESS THAN (2025)"),
                    new Partitioning.Partition("ev_rest", pg ? null : "LESS THAN (MAXVALUE)"));
            case LIST -> List.of(new Partitioning.Partition("ev_even", "IN (0, 2, 4)"),
                    new Partitioning.Partition("ev_odd", "IN (1, 3, 5)"),
                    new Partitioning.Partition("ev_rest", null));
            case HASH -> List.of(new Partitioning.Partition("ev_h0", pg ? "WITH (MODULUS 2, REMAINDER 0)" : null),
                    new Partitioning.Partition("ev_h1", pg ? "WITH (MODULUS 2, REMAINDER 1)" : null));
        };
        return Table.of("ev", List.of(Column.of("id", INT), Column.of("yr", INT), Column.nullable("note",
                ColumnType.varchar(20))), List.of("id", "yr"))
                .withPartitioning(new Partitioning(method, List.of("yr"), parts));
    }

    @AllEngines
    void createdPartitionedRowsLandAndItReadsBack(Scratch s) {
        Database db = s.db();
        SchemaDdl ddl = SchemaDdl.of(db.dialect());
        if (s.engine() == Engine.SQLITE) {
            assertThatThrownBy(() -> ddl.createTable(events(Engine.SQLITE, Partitioning.Method.RANGE)))
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("partitioned table ev is not supported by SQLite. Declare the model without "
                            + "@Partitioned: SQLite keeps the rows in one table (an index on the partition key "
                            + "serves the same queries).");
            assertThat(Introspector.read(db).tableNames()).doesNotContain("ev");
            assertThat(Introspector.partitioning(db)).isEmpty();
            return;
        }
        for (Partitioning.Method m : Partitioning.Method.values()) {
            Table t = events(s.engine(), m);
            ddl.createTable(t).forEach(sql -> db.sql(sql).execute());
            for (int yr : new int[] {2020, 2023, 2024, 2025, 2031}) {
                db.sql("INSERT INTO ev (id, yr) VALUES (?, ?)", yr, yr).execute();
            }
            Partitioning read = Introspector.partitioning(db).get("ev");
            assertThat(read).as(m.name()).isNotNull();
            assertThat(read.method()).isEqualTo(m);
            assertThat(read.columns()).containsExactly("yr");
            assertThat(read.partitions()).extracting(Partitioning.Partition::name)
                    .containsExactlyInAnyOrderElementsOf(t.partitioning().partitions().stream()
                            .map(Partitioning.Partition::name).toList());
            Schema live = Schema.of(List.of(Introspector.read(db).require("ev").withPartitioning(read)));
            assertThat(SchemaComparison.differences(Schema.of(List.of(t)), live, s.engine())).as(m.name()).isEmpty();
            assertThat(SchemaComparison.differences(Schema.of(List.of(t.withPartitioning(null))), live,
                    s.engine())).containsExactly("partitioning of ev: expected none, found " + m + " [yr] ("
                    + String.join(", ", SchemaComparison.comparable(live, s.engine()).require("ev").partitioning()
                    .partitions().stream().map(x -> x.name() + " " + (x.isDefault() ? "DEFAULT" : x.bounds()))
                    .toList()) + ")");
            if (m == Partitioning.Method.RANGE) {
                assertThat(rowsIn(s, "ev_old")).containsExactly(2020, 2023);
                assertThat(rowsIn(s, "ev_2024")).containsExactly(2024);
                assertThat(rowsIn(s, "ev_rest")).containsExactly(2025, 2031);
            } else if (m == Partitioning.Method.LIST) {
                // none of these years is listed, so the DEFAULT partition takes them all
                assertThat(rowsIn(s, "ev_rest")).containsExactly(2020, 2023, 2024, 2025, 2031);
                db.sql("INSERT INTO ev (id, yr) VALUES (1, 3)").execute();
                assertThat(rowsIn(s, "ev_odd")).containsExactly(3);
            } else {
                List<Integer> all = new java.util.ArrayList<>(rowsIn(s, "ev_h0"));
                all.addAll(rowsIn(s, "ev_h1"));
                assertThat(all).containsExactlyInAnyOrder(2020, 2023, 2024, 2025, 2031);
            }
            ddl.dropTable(t).forEach(sql -> db.sql(sql).execute());
            assertThat(Introspector.partitioning(db)).isEmpty();
        }
    }

    /** The years stored in one partition, as the engine's own syntax selects them. */
    private static List<Integer> rowsIn(Scratch s, String partition) {
        String from = s.engine() == Engine.POSTGRESQL ? partition : "ev PARTITION (" + partition + ")";
        return s.db().sql("SELECT yr FROM " + from + " ORDER BY yr").list(r -> r.getInt(1));
    }

    @AllEngines
    void theEnginesRulesAreRefusedBeforeAnythingRuns(Scratch s) {
        if (s.engine() == Engine.SQLITE) {
            return;
        }
        SchemaDdl ddl = SchemaDdl.of(s.db().dialect());
        String engine = s.engine().displayName();
        Table t = events(s.engine(), Partitioning.Method.LIST);
        Table noKey = new Table("ev", t.columns(), List.of("id"), List.of(), List.of(), List.of(), List.of(),
                t.partitioning());
        assertThatThrownBy(() -> ddl.createTable(noKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table ev is partitioned by [yr] but its primary key [id] lacks [yr]: " + engine
                        + " needs every partition key column in the primary key. Add [yr] to the primary key (a "
                        + "composite key) or partition by a primary-key column.");
        assertThatThrownBy(() -> ddl.createTable(t.withUnique(new UniqueConstraint("ev_note_uq", List.of("note")))))
                .hasMessage("table ev is partitioned by [yr] but its unique key ev_note_uq [note] lacks [yr]: "
                        + engine + " needs every partition key column in each unique key. Add them to ev_note_uq or "
                        + "drop the unique key.");
        Table withFk = t.withForeignKey(new ForeignKey("ev_self", List.of("id", "yr"), "ev", List.of("id", "yr"),
                OnDelete.NO_ACTION));
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> ddl.createTable(withFk)).hasMessage("table ev is partitioned and has the "
                    + "foreign key ev_self: MariaDB (InnoDB) refuses foreign keys on partitioned tables. Drop the "
                    + "foreign key or the partitioning.");
            Table rangeDefault = t.withPartitioning(new Partitioning(Partitioning.Method.RANGE, List.of("yr"),
                    List.of(new Partitioning.Partition("ev_all", null))));
            assertThatThrownBy(() -> ddl.createTable(rangeDefault)).hasMessage("partition ev_all of table ev has "
                    + "no bounds: MariaDB has no DEFAULT range partition. Give it the bounds LESS THAN (MAXVALUE).");
        }
        assertThat(Introspector.read(s.db()).tableNames()).doesNotContain("ev");
    }
}
