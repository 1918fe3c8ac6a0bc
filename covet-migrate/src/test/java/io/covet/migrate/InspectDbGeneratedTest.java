package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.Introspector;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** inspectdb writes a generated column as a {@code @Generated} field, and the model compiles back to the table. */
class InspectDbGeneratedTest {
    @AllEngines
    void aGeneratedColumnBecomesAGeneratedField(Scratch s) throws Exception {
        Database db = s.db();
        ColumnType integer = ColumnType.of(ColumnType.Kind.INTEGER);
        Table t = Table.of("gen_box", List.of(Column.autoIncrement("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("w", integer), Column.of("h", integer),
                Column.nullable("area", integer).withGenerated(new Column.Generated("w * h", true))), List.of("id"));
        for (String sql : SchemaDdl.of(db.dialect()).createTable(t)) {
            db.sql(sql).execute();
        }
        List<ModelSource> models = InspectDb.generate(Introspector.read(db), db.engine(), "legacy.gen");
        assertThat(models.get(0).source()).containsPattern("@Generated\\(expression = \"[^\"]+\", stored = true\\)");
        List<ModelMeta> metas = InspectDbTest.compile(models, "legacy.gen");
        assertThat(metas.get(0).fields().get(3).generated()).isNotNull();
        assertThat(Drift.differences(db, OrmSchemaSource.of(metas, m -> "gen"), "covet_migrations")).isEmpty();
    }
}
