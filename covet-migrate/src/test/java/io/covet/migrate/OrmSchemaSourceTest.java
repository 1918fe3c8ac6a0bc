package io.covet.migrate;

import io.covet.core.Database;
import io.covet.orm.CheckMeta;
import io.covet.orm.FieldMeta;
import io.covet.orm.FieldType;
import io.covet.orm.ForeignKeyMeta;
import io.covet.orm.IndexMeta;
import io.covet.orm.ManyToManyMeta;
import io.covet.orm.ModelMeta;
import io.covet.orm.OnDelete;
import io.covet.schema.ColumnType;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** makemigrations driven by the ORM's model metadata. */
class OrmSchemaSourceTest {
    static FieldMeta field(String name, FieldType type) {
        return FieldMeta.of(name, name, type, "java.lang.Object");
    }

    static List<ModelMeta> models(boolean v2) {
        FieldMeta id = field("id", FieldType.BIG_AUTO).asPrimaryKey();
        ModelMeta author = new ModelMeta("io.example.lib.Author", "author", List.of(id,
                field("name", FieldType.STRING).withMaxLength(120),
                new FieldMeta("email", "email", FieldType.EMAIL, "java.lang.String", true, false, true, false, 254, 0, 0,
                        null, null, List.of(), "", null),
                new FieldMeta("active", "active", FieldType.BOOLEAN, "boolean", false, false, false, false, 0, 0, 0,
                        "true", null, List.of(), "", null)),
                List.of(), List.of(), List.of(), List.of(new CheckMeta("author_name_check", "name <> ''")),
                List.of(), List.of());
        List<FieldMeta> bookFields = new java.util.ArrayList<>(List.of(id,
                field("title", FieldType.STRING).withMaxLength(200).withKeys(false, true),
                field("price", FieldType.DECIMAL).withDecimal(10, 2),
                field("author_id", FieldType.LONG).withForeignKey(new ForeignKeyMeta("io.example.lib.Author",
                        OnDelete.CASCADE, false), false)));
        if (v2) {
            bookFields.add(new FieldMeta("published", "published", FieldType.DATE, "java.time.LocalDate", true, false,
                    false, false, 0, 0, 0, null, null, List.of(), "", null));
        }
        ModelMeta book = new ModelMeta("io.example.lib.Book", "book", bookFields, List.of(), List.of(),
                List.of(new IndexMeta("book_title_author_uniq", List.of("title", "author_id"), true)), List.of(),
                List.of(new ManyToManyMeta("tags", "io.example.tags.Tag", null, "book_tags", "book_id", "tag_id")),
                List.of());
        ModelMeta tag = ModelMeta.of("io.example.tags.Tag", "tag", List.of(field("id", FieldType.AUTO).asPrimaryKey(),
                field("label", FieldType.SLUG)));
        return List.of(author, book, tag);
    }

    @Test
    void mapsFieldsKeysAndJoinTablesToTheSchemaState() {
        OrmSchemaSource s = OrmSchemaSource.of(models(false), OrmSchemaSource::packageApp);
        assertThat(s.schema().tableNames()).containsExactly("author", "book", "book_tags", "tag");
        assertThat(s.appOf("book_tags")).isEqualTo("lib");
        assertThat(s.appOf("tag")).isEqualTo("tags");
        assertThat(s.schema().require("author").requireColumn("email").type()).isEqualTo(ColumnType.varchar(254));
        assertThat(s.schema().require("author").uniques()).extracting(u -> u.name()).containsExactly("author_email_uniq");
        assertThat(s.schema().require("book").indexes()).extracting(i -> i.name()).containsExactly("book_title_idx");
        assertThat(s.schema().require("book_tags").requireColumn("tag_id").type())
                .isEqualTo(ColumnType.of(ColumnType.Kind.INTEGER));
    }

    @AllEngines
    void ormModelsMigrateAcrossAppsAndEvolve(Scratch s,
            @TempDir java.nio.file.Path dir) throws Exception {
        Database db = s.db();
        for (boolean v2 : List.of(false, true)) {
            OrmSchemaSource models = OrmSchemaSource.of(models(v2), OrmSchemaSource::packageApp);
            MigrationGraph g = new MigrationGraph(MigrationFiles.load(dir), Set.of());
            Autodetector.migrations(g, models, Questioner.nonInteractive(false))
                    .forEach(m -> MigrationFiles.write(dir, m));
            Migrator m = Migrator.builder(db, MigrationFiles.load(dir)).build();
            m.migrate(Target.latest());
            assertThat(SchemaComparison.differences(models.schema(), MigratorTest.live(db), s.engine())).isEmpty();
            assertThat(Autodetector.migrations(new MigrationGraph(MigrationFiles.load(dir), Set.of()), models,
                    Questioner.nonInteractive(false))).isEmpty();
        }
        assertThat(MigrationFiles.load(dir)).extracting(m -> m.key().toString())
                .containsExactly("lib.0001_initial", "lib.0002_book_published", "tags.0001_initial");
        assertThat(MigrationFiles.load(dir).get(0).dependencies()).extracting(Object::toString)
                .containsExactly("tags.0001_initial");
    }
}
