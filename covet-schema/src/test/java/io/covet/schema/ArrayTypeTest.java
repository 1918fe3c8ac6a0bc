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
        // dates, times and fixed-length text, as format_type, the catalog and a model spell them
        ColumnType dates = ColumnType.array(ColumnType.of(ColumnType.Kind.DATE));
        for (String spelling : List.of("date[]", "_date", "DATE[]")) {
            assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, spelling)).as(spelling).isEqualTo(dates);
        }
        ColumnType stamps = ColumnType.array(ColumnType.of(ColumnType.Kind.TIMESTAMP));
        for (String spelling : List.of("timestamp without time zone[]", "_timestamp", "timestamp[]", "timestamp(6)[]")) {
            assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, spelling)).as(spelling).isEqualTo(stamps);
        }
        ColumnType instants = ColumnType.array(ColumnType.of(ColumnType.Kind.TIMESTAMPTZ));
        for (String spelling : List.of("timestamp with time zone[]", "_timestamptz", "timestamptz[]")) {
            assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, spelling)).as(spelling).isEqualTo(instants);
        }
        ColumnType times = ColumnType.array(ColumnType.of(ColumnType.Kind.TIME));
        for (String spelling : List.of("time without time zone[]", "_time", "time[]")) {
            assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, spelling)).as(spelling).isEqualTo(times);
        }
        ColumnType chars = ColumnType.array(ColumnType.fixedChar(3));
        for (String spelling : List.of("character(3)[]", "char(3)[]", "bpchar(3)[]")) {
            assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, spelling)).as(spelling).isEqualTo(chars);
        }
        assertThat(ColumnType.parse("array(time)")).isEqualTo(times);
        assertThat(SchemaDdl.of(Engine.POSTGRESQL).typeSql(chars)).isEqualTo("CHAR(3)[]");
        assertThat(SchemaDdl.of(Engine.POSTGRESQL).typeSql(instants)).isEqualTo("TIMESTAMPTZ[]");
        // more than one dimension is not an array a List holds: a native type, whichever way it is spelled
        assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, "integer[][]")).isEqualTo(ColumnType.raw("integer[][]"));
        assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, "int4[][]")).isEqualTo(ColumnType.raw("integer[][]"));
        // an array of a type without a portable form stays native
        assertThat(SchemaComparison.nativeType(Engine.POSTGRESQL, "tsvector[]")).isEqualTo(ColumnType.raw("tsvector[]"));
        assertThat(SchemaDdl.of(Engine.POSTGRESQL).typeSql(ColumnType.array(ColumnType.decimal(8, 2))))
                .isEqualTo("NUMERIC(8,2)[]");
    }

    /**
     * The reader gives a column declared with more than one dimension (pg_attribute.attndims, which format_type does
     * not show) its dimensions, so it stays native and compares equal to a model declaring that type; a column of
     * one dimension of each new element type reads as its array type, without drift.
     */
    @AllEngines
    void postgresColumnsOfNewElementsAndOfTwoDimensionsReadAsDeclared(Scratch s) {
        if (s.engine() != Engine.POSTGRESQL) {
            return;
        }
        s.db().sql("CREATE TABLE grid (id integer PRIMARY KEY, cells integer[][], names varchar(5)[][][], "
                + "days date[], stamps timestamp[], instants timestamptz[], times time[], codes char(3)[])").execute();
        Table grid = Introspector.read(s.db()).require("grid");
        assertThat(grid.columns()).extracting(c -> c.name() + " " + c.type()).containsExactly("id integer",
                "cells raw(integer[][])", "names raw(character varying(5)[][][])", "days array(date)",
                "stamps array(timestamp)", "instants array(timestamptz)", "times array(time)", "codes array(char(3))");
        Table declared = Table.of("grid", List.of(Column.of("id", INTEGER),
                Column.nullable("cells", ColumnType.raw("int4[][]")),
                Column.nullable("names", ColumnType.raw("varchar(5)[][][]")),
                Column.nullable("days", ColumnType.array(ColumnType.of(ColumnType.Kind.DATE))),
                Column.nullable("stamps", ColumnType.array(ColumnType.of(ColumnType.Kind.TIMESTAMP))),
                Column.nullable("instants", ColumnType.array(ColumnType.of(ColumnType.Kind.TIMESTAMPTZ))),
                Column.nullable("times", ColumnType.array(ColumnType.of(ColumnType.Kind.TIME))),
                Column.nullable("codes", ColumnType.array(ColumnType.fixedChar(3)))), List.of("id"));
        assertThat(SchemaComparison.differences(Schema.of(List.of(declared)), Introspector.read(s.db()), s.engine()))
                .isEmpty();
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
        // every element kind is refused alike
        for (ColumnType element : List.of(ColumnType.of(ColumnType.Kind.DATE), ColumnType.of(ColumnType.Kind.TIME),
                ColumnType.of(ColumnType.Kind.TIMESTAMP), ColumnType.of(ColumnType.Kind.TIMESTAMPTZ),
                ColumnType.fixedChar(3))) {
            Table other = Table.of("post", List.of(Column.of("id", INTEGER), Column.nullable("x",
                    ColumnType.array(element))), List.of("id"));
            assertThatThrownBy(() -> SchemaDdl.of(s.engine()).createTable(other)).as(element.toString())
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessageStartingWith("array column post.x of type " + element + "[] is not supported by "
                            + s.engine().displayName() + ". Arrays are a PostgreSQL type");
        }
        assertThat(Introspector.read(s.db()).tables()).isEmpty();
    }
}
