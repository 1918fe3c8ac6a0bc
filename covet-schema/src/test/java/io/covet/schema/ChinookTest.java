package io.covet.schema;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static org.assertj.core.api.Assertions.assertThat;

/** The Chinook sample (a real third-party schema) introspects on every engine. */
class ChinookTest {
    @AllEngines
    void chinookIntrospectsWithItsKeysAndTypes(Scratch s) throws Exception {
        try (Database db = io.covet.testing.Datasets.loadChinook(s)) {
            Schema schema = Introspector.read(db);
            assertThat(schema.tables()).hasSize(11);
            boolean pg = s.engine() == Engine.POSTGRESQL;
            Table track = schema.require(pg ? "track" : "Track");
            assertThat(track.primaryKey()).containsExactly(pg ? "track_id" : "TrackId");
            assertThat(track.foreignKeys()).extracting(ForeignKey::refTable)
                    .containsExactlyInAnyOrder(pg ? "album" : "Album", pg ? "genre" : "Genre",
                            pg ? "media_type" : "MediaType");
            assertThat(track.requireColumn(pg ? "name" : "Name").type()).isEqualTo(ColumnType.varchar(200));
            assertThat(track.requireColumn(pg ? "unit_price" : "UnitPrice").type()).isEqualTo(ColumnType.decimal(10, 2));
            assertThat(track.indexes()).isNotEmpty();
            for (Table t : schema.tables()) {
                assertThat(t.columns()).allSatisfy(c -> assertThat(c.type().kind()).isNotEqualTo(ColumnType.Kind.RAW));
            }
            // What was read renders back as valid DDL for the same engine.
            Schema again = Introspector.read(db);
            assertThat(again).isEqualTo(schema);
            SchemaDdl ddl = SchemaDdl.of(db.dialect());
            assertThat(ddl.createTable(track).get(0)).contains("FOREIGN KEY");
        }
    }
}
