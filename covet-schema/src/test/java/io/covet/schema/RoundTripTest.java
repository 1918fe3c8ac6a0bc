package io.covet.schema;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripTest {

    @AllEngines
    void renderedSchemaIntrospectsToTheSameState(Scratch s) {
        Database db = s.db();
        Schema expected = Fixtures.library(s.engine());
        SchemaDdl ddl = SchemaDdl.of(db.dialect());
        for (String table : List.of("author", "book", "tag", "book_tag")) {
            for (String sql : ddl.createTable(expected.require(table))) {
                db.sql(sql).execute();
            }
        }
        Schema actual = Introspector.read(db);
        assertThat(SchemaComparison.differences(expected, actual, s.engine())).isEmpty();
        assertThat(SchemaComparison.comparable(actual, s.engine()))
                .isEqualTo(SchemaComparison.comparable(expected, s.engine()));
        // The constant defaults come back as the same values, quotes and backslashes included.
        assertThat(actual.require("author").requireColumn("motto").defaultValue())
                .isEqualTo(ColumnDefault.value("it's \\ fine"));
    }

    @AllEngines
    void differencesNameEachChangeMadeByHand(Scratch s) {
        Database db = s.db();
        Schema expected = Fixtures.library(s.engine());
        SchemaDdl ddl = SchemaDdl.of(db.dialect());
        for (Table t : List.of(expected.require("author"), expected.require("tag"))) {
            ddl.createTable(t).forEach(sql -> db.sql(sql).execute());
        }
        db.sql("ALTER TABLE " + db.dialect().quote("tag") + " ADD COLUMN " + db.dialect().quote("extra")
                + " INTEGER").execute();
        Schema partial = Schema.of(List.of(expected.require("author"), expected.require("tag")));
        List<String> diff = SchemaComparison.differences(partial, Introspector.read(db), s.engine());
        assertThat(diff).containsExactly(
                "column tag.extra: in the database but not in the migrations (integer NULL)");
    }
}
