package io.covet.migrate;

import io.covet.core.Database;
import io.covet.examples.shop.Shop;
import io.covet.orm.FieldType;
import io.covet.orm.OnDelete;
import io.covet.orm.Orm;
import io.covet.orm.spi.CheckMeta;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ForeignKeyMeta;
import io.covet.orm.spi.IndexMeta;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.ColumnType;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** A field as the annotation processor writes it for a Chinook column (a mixed-case name). */
    private static FieldMeta chinook(String name, String column, FieldType type, boolean nullable, int maxLength,
                                     ForeignKeyMeta fk) {
        return new FieldMeta(name, column, type, "java.lang.Object", nullable, false, false, false, maxLength, 0, 0,
                null, null, List.of(), "", fk);
    }

    private static FieldMeta key(FieldMeta f) {
        return new FieldMeta(f.name(), f.column(), f.type(), f.javaType(), false, true, false, false, f.maxLength(),
                0, 0, null, null, List.of(), "", f.foreignKey());
    }

    /**
     * The metadata the processor generates for Chinook models as inspectdb writes them (covet-orm's
     * {@code io.covet.orm.chinook} test models generate the same names and keys): application-assigned keys with explicit
     * columns, foreign keys with Chinook's constraint names and {@code index = false}, indexes declared by name
     * over fields, and PlaylistTrack's composite key of two foreign keys.
     */
    static List<ModelMeta> chinookModels() {
        ModelMeta artist = ModelMeta.of("io.example.chinook.Artist", "Artist", List.of(
                key(chinook("artistId", "ArtistId", FieldType.INTEGER, false, 0, null)),
                chinook("name", "Name", FieldType.STRING, true, 120, null)));
        ModelMeta album = new ModelMeta("io.example.chinook.Album", "Album", List.of(
                key(chinook("albumId", "AlbumId", FieldType.INTEGER, false, 0, null)),
                chinook("title", "Title", FieldType.STRING, false, 160, null),
                chinook("artist", "ArtistId", FieldType.INTEGER, false, 0,
                        new ForeignKeyMeta("io.example.chinook.Artist", OnDelete.DO_NOTHING, false,
                                "FK_AlbumArtistId"))),
                List.of(), List.of(new IndexMeta("IFK_AlbumArtistId", List.of("ArtistId"), false)), List.of(),
                List.of(), List.of(), List.of());
        ModelMeta playlist = ModelMeta.of("io.example.chinook.Playlist", "Playlist", List.of(
                key(chinook("playlistId", "PlaylistId", FieldType.INTEGER, false, 0, null)),
                chinook("name", "Name", FieldType.STRING, true, 120, null)));
        ModelMeta track = ModelMeta.of("io.example.chinook.Track", "Track", List.of(
                key(chinook("trackId", "TrackId", FieldType.INTEGER, false, 0, null)),
                chinook("name", "Name", FieldType.STRING, false, 200, null),
                chinook("addedAt", "AddedAt", FieldType.LOCAL_DATETIME, true, 0, null)));
        ModelMeta playlistTrack = new ModelMeta("io.example.chinook.PlaylistTrack", "PlaylistTrack", List.of(
                key(chinook("playlist", "PlaylistId", FieldType.INTEGER, false, 0,
                        new ForeignKeyMeta("io.example.chinook.Playlist", OnDelete.DO_NOTHING, false,
                                "FK_PlaylistTrackPlaylistId"))),
                key(chinook("track", "TrackId", FieldType.INTEGER, false, 0,
                        new ForeignKeyMeta("io.example.chinook.Track", OnDelete.DO_NOTHING, false,
                                "FK_PlaylistTrackTrackId")))),
                List.of(), List.of(new IndexMeta("IFK_PlaylistTrackTrackId", List.of("TrackId"), false)), List.of(),
                List.of(), List.of(), List.of(), List.of("playlist", "track"));
        return List.of(artist, album, playlist, track, playlistTrack);
    }

    @Test
    void chinookNamesCompositeKeysAndLocalDateTimesComeThroughExactly() {
        io.covet.schema.Schema s = OrmSchemaSource.of(chinookModels(), m -> "chinook").schema();
        io.covet.schema.Table album = s.require("Album");
        assertThat(album.columnNames()).containsExactly("AlbumId", "Title", "ArtistId");
        assertThat(album.primaryKey()).containsExactly("AlbumId");
        assertThat(album.foreignKeys()).containsExactly(new io.covet.schema.ForeignKey("FK_AlbumArtistId",
                List.of("ArtistId"), "Artist", List.of("ArtistId"), io.covet.schema.OnDelete.NO_ACTION));
        assertThat(album.indexes()).containsExactly(io.covet.schema.Index.of("IFK_AlbumArtistId", List.of("ArtistId")));
        assertThat(album.uniques()).isEmpty();

        io.covet.schema.Table pt = s.require("PlaylistTrack");
        // the key in the order @Model(primaryKey) gives, whatever the field order
        assertThat(pt.primaryKey()).containsExactly("PlaylistId", "TrackId");
        assertThat(pt.foreignKeys()).extracting(io.covet.schema.ForeignKey::name)
                .containsExactly("FK_PlaylistTrackPlaylistId", "FK_PlaylistTrackTrackId");
        assertThat(pt.indexes()).extracting(io.covet.schema.Index::name).containsExactly("IFK_PlaylistTrackTrackId");
        assertThat(pt.requireColumn("TrackId").nullable()).isFalse();

        assertThat(s.require("Track").requireColumn("AddedAt").type())
                .isEqualTo(ColumnType.of(ColumnType.Kind.TIMESTAMP));
    }

    @Test
    void compositeKeysFollowTheirDeclaredOrderAndIndexTheirOtherForeignKeys() {
        ModelMeta a = ModelMeta.of("io.example.k.A", "a", List.of(field("id", FieldType.AUTO).asPrimaryKey()));
        ModelMeta b = ModelMeta.of("io.example.k.B", "b", List.of(field("id", FieldType.AUTO).asPrimaryKey()));
        ModelMeta link = new ModelMeta("io.example.k.Link", "link", List.of(
                field("b_id", FieldType.INTEGER).withForeignKey(new ForeignKeyMeta("io.example.k.B",
                        OnDelete.CASCADE, false), false).withKeys(false, true).asPrimaryKey(),
                field("a_id", FieldType.INTEGER).withForeignKey(new ForeignKeyMeta("io.example.k.A",
                        OnDelete.CASCADE, false), false).withKeys(false, true).asPrimaryKey()),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of("a_id", "b_id"));
        io.covet.schema.Table t = OrmSchemaSource.of(List.of(a, b, link), m -> "k").schema().require("link");
        assertThat(t.primaryKey()).containsExactly("a_id", "b_id");
        // a_id leads the key, whose index serves it; b_id needs its own (default names)
        assertThat(t.indexes()).extracting(io.covet.schema.Index::name).containsExactly("link_b_id_idx");
        assertThat(t.foreignKeys()).extracting(io.covet.schema.ForeignKey::name)
                .containsExactly("link_b_id_fk", "link_a_id_fk");
    }

    @AllEngines
    void chinookModelsMigrateToExactlyTheirSchema(Scratch s, @TempDir java.nio.file.Path dir) throws Exception {
        Database db = s.db();
        OrmSchemaSource models = OrmSchemaSource.of(chinookModels(), m -> "chinook");
        Autodetector.migrations(new MigrationGraph(MigrationFiles.load(dir), Set.of()), models,
                Questioner.nonInteractive(false)).forEach(m -> MigrationFiles.write(dir, m));
        Migrator.builder(db, MigrationFiles.load(dir)).build().migrate(Target.latest());
        assertThat(SchemaComparison.differences(models.schema(), MigratorTest.live(db), s.engine())).isEmpty();
        assertThat(Autodetector.migrations(new MigrationGraph(MigrationFiles.load(dir), Set.of()), models,
                Questioner.nonInteractive(false))).isEmpty();
    }

    @Test
    void aRelationToAModelNotGivenIsAMigrationError() {
        List<ModelMeta> withoutAuthor = models(false).subList(1, 3);
        assertThatThrownBy(() -> OrmSchemaSource.of(withoutAuthor, OrmSchemaSource::packageApp))
                .isInstanceOf(MigrationException.class)
                .hasMessage("model io.example.lib.Book refers to io.example.lib.Author, which is not among the models "
                        + "given; register it too (makemigrations reads the models it is given)");
    }

    /** {@code s} without history tables and SQLite's history context table, which only migrations make. */
    private static Schema withoutHistory(Schema s) {
        return Schema.of(s.tables().stream().filter(t -> !io.covet.schema.HistoryTable.isHistory(t)
                && !t.name().equals(io.covet.schema.HistoryTriggers.SQLITE_CONTEXT_TABLE)).toList());
    }

    /**
     * The shop's tables made by the ORM's {@code createTables()} are the tables its migrations make: the same as
     * the models' schema state, the same as a migrated database read back, and makemigrations finds nothing —
     * history tables (orders are {@code @History}) aside, which exist through migrations only.
     */
    @AllEngines
    void createTablesMakesExactlyWhatMigrateMakes(Scratch s, @TempDir java.nio.file.Path dir) throws Exception {
        Orm orm = Shop.orm(s.db());
        orm.createTables();
        Schema created = MigratorTest.live(s.db());
        OrmSchemaSource models = OrmSchemaSource.of(orm);
        assertThat(models.schema().table("orders_history")).as("the shop's orders have history").isPresent();
        assertThat(SchemaComparison.differences(withoutHistory(models.schema()), created, s.engine(), "the models"))
                .isEmpty();
        Autodetector.migrations(new MigrationGraph(List.of(), Set.of()), models, Questioner.nonInteractive(false))
                .forEach(m -> MigrationFiles.write(dir, m));
        try (io.covet.testing.Scratch other = io.covet.testing.Scratch.on(s.engine())) {
            Migrator.builder(other.db(), MigrationFiles.load(dir)).build().migrate(Target.latest());
            assertThat(created).isEqualTo(withoutHistory(MigratorTest.live(other.db())));
        }
    }
}
