package io.covet.schema;

import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ColumnType.Kind#ARRAY}: its text form, the element types it takes, how PostgreSQL's spellings of one array
 * type compare, and the refusal on engines without arrays (nothing reaches the database).
 */
class ArrayTypeTest {
    private static final ColumnType INTEGER = ColumnType.of(ColumnType.Kind.INTEGER);

    @Test
    void theTextFormRoundTripsAndOnlyScalarElementsAreTaken() {
        ColumnType a = ColumnType.array(ColumnType.varchar(20));
        assertThat(a).hasToString("array(varchar(20))");
        assertThat(ColumnType.parse("array(varchar(20))")).isEqualTo(a);
        assertThat(ColumnType.parse("array(decimal(8,2))").elementType()).isEqualTo(ColumnType.decimal(8, 2));
        assertThat(INTEGER.elementType()).isNull();
        assertThatThrownBy(() -> ColumnType.array(ColumnType.array(INTEGER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("array(array(integer)) has an element type no array of Covet holds");
        assertThatThrownBy(() -> ColumnType.parse("array(raw(tsvector))"))
                .hasMessageContaining("keep other arrays as raw(type[])");
    }

    @Test
    void postgresSpellingsOfOneArrayTypeCompareEqual() {
        ColumnType intArray = ColumnType.array(INTEGER);
        for (String spelling : List.of("integer[]", "_int4", "int4[]", "INT[]", "int[]")) {
            assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, spelling)).as(spelling).isEqualTo(intArray);
        }
        assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, "varchar(20)[]"))
                .isEqualTo(ColumnType.array(ColumnType.varchar(20)));
        assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, "character varying(20)[]"))
                .isEqualTo(ColumnType.array(ColumnType.varchar(20)));
        assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, "_text"))
                .isEqualTo(ColumnType.array(ColumnType.of(ColumnType.Kind.TEXT)));
        // an array of a type without a portable form stays native
        assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, "tsvector[]")).isEqualTo(ColumnType.raw("tsvector[]"));
        assertThat(SchemaDdl.of(Engine.POSTGRESQL).typeSql(ColumnType.array(ColumnType.decimal(8, 2))))
                .isEqualTo("NUMERIC(8,2)[]");
    }

    @AllEngines
    void engines_without_arrays_refuse_them_before_anything_runs(Scratch s) {
        Table t = Table.of("post", List.of(Column.of("id", INTEGER), Column.nullable("scores", ColumnType.array(INTEGER))),
                List.of("id"));
        if (s.engine() == Engine.POSTGRESQL) {
            SchemaDdl.of(s.engine()).createTable(t).forEach(sql -> s.db().sql(sql).execute());
            Schema live = Introspector.read(s.db());
            assertThat(live.require("post").requireColumn("scores").type()).isEqualTo(ColumnType.array(INTEGER));
            assertThat(SchemaComparison.differences(Schema.of(List.of(t)), live, s.engine())).isEmpty();
            return;
        }
        assertThatThrownBy(() -> SchemaDdl.of(s.engine()).createTable(t))
                .isInstanceOf(UnsupportedFeature.class)
                .hasMessage("array column post.scores of type integer[] is not supported by " + s.engine().displayName()
                        + ". Arrays are a PostgreSQL type: store the list in a JSON field (@Column(type = "
                        + "FieldType.JSON) on the List), or in a table of its own with a foreign key to this one.");
        assertThat(Introspector.read(s.db()).tables()).isEmpty();
    }
}
