package io.covet.schema;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A foreign key's ON DELETE rule is created, read back and compared as the database holds it on every engine;
 * MariaDB's InnoDB, which would silently keep NO ACTION for SET DEFAULT, is refused before anything is created.
 */
class ForeignKeyRulesTest {

    @AllEngines
    void deleteRulesRoundTrip(Scratch s) {
        Database db = s.db();
        Table parent = Table.of("fk_parent", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER))),
                List.of("id"));
        List<Column> cols = new ArrayList<>(List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.of("a", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.nullable("b", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.nullable("c", ColumnType.of(ColumnType.Kind.INTEGER))));
        List<ForeignKey> fks = new ArrayList<>(List.of(
                new ForeignKey("fk_child_a", List.of("a"), "fk_parent", List.of("id"), OnDelete.CASCADE),
                new ForeignKey("fk_child_b", List.of("b"), "fk_parent", List.of("id"), OnDelete.SET_NULL),
                new ForeignKey("fk_child_c", List.of("c"), "fk_parent", List.of("id"), OnDelete.RESTRICT)));
        Table child = new Table("fk_child", cols, List.of("id"), List.of(), List.of(), List.of(), fks);
        SchemaDdl ddl = SchemaDdl.of(db.dialect());
        for (Table t : List.of(parent, child)) {
            ddl.createTable(t).forEach(sql -> db.sql(sql).execute());
        }
        Schema live = Introspector.read(db);
        assertThat(live.require("fk_child").foreignKeys()).extracting(ForeignKey::onDelete)
                .containsExactlyInAnyOrder(OnDelete.CASCADE, OnDelete.SET_NULL, OnDelete.RESTRICT);
        assertThat(SchemaComparison.differences(Schema.of(List.of(parent, child)), live, s.engine())).isEmpty();

        Table withDefault = new Table("fk_default", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.nullable("p", ColumnType.of(ColumnType.Kind.INTEGER)).withDefault(ColumnDefault.value("1"))),
                List.of("id"), List.of(), List.of(), List.of(), List.of(new ForeignKey("fk_default_p", List.of("p"),
                "fk_parent", List.of("id"), OnDelete.SET_DEFAULT)));
        if (s.engine() == Engine.MARIADB) {
            assertThatThrownBy(() -> ddl.createTable(withDefault)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("ON DELETE SET DEFAULT (foreign key fk_default_p) is not supported by MariaDB. Use ON "
                            + "DELETE SET NULL or CASCADE, or let Covet set the default: @ForeignKey(onDelete = "
                            + "OnDelete.SET_DEFAULT) without a database rule.");
            assertThat(Introspector.read(db).tableNames()).doesNotContain("fk_default");
        } else {
            ddl.createTable(withDefault).forEach(sql -> db.sql(sql).execute());
            assertThat(Introspector.read(db).require("fk_default").foreignKeys()).extracting(ForeignKey::onDelete)
                    .containsExactly(OnDelete.SET_DEFAULT);
        }
    }

    /**
     * A key that kept its old name through a column rename (the autodetector matches keys on what they do) is not
     * drift; a key that does something else under that name, or is missing, still is.
     */
    @org.junit.jupiter.api.Test
    void keysAreComparedOnWhatTheyDoNotOnTheirNames() {
        Table parent = Table.of("fk_parent", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER))),
                List.of("id"));
        List<Column> cols = List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER)),
                Column.nullable("c4", ColumnType.of(ColumnType.Kind.INTEGER)));
        Table expected = new Table("t1", cols, List.of("id"), List.of(), List.of(), List.of(), List.of(
                new ForeignKey("t1_c4_fk", List.of("c4"), "t1", List.of("id"), OnDelete.SET_NULL)));
        Table keptOldName = expected.withForeignKeys(List.of(
                new ForeignKey("t1_c3_fk", List.of("c4"), "t1", List.of("id"), OnDelete.SET_NULL)));
        Table otherRule = expected.withForeignKeys(List.of(
                new ForeignKey("t1_c3_fk", List.of("c4"), "t1", List.of("id"), OnDelete.CASCADE)));
        for (Engine e : Engine.values()) {
            assertThat(SchemaComparison.differences(Schema.of(List.of(parent, expected)),
                    Schema.of(List.of(parent, keptOldName)), e)).isEmpty();
            assertThat(SchemaComparison.differences(Schema.of(List.of(parent, expected)),
                    Schema.of(List.of(parent, otherRule)), e)).containsExactlyInAnyOrder(
                    "foreign key t1.t1_c3_fk: in the database but not in the migrations ([c4] -> t1[id] ON DELETE CASCADE)",
                    "foreign key t1.t1_c4_fk: missing from the database (expected [c4] -> t1[id] ON DELETE SET NULL)");
        }
    }
}
