package io.covet.orm.chinook;

import io.covet.core.Database;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.core.error.UniqueViolation;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.QuerySet;
import io.covet.orm.Ref;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A composite primary key made of two foreign keys (Chinook's PlaylistTrack), and the Chinook names (mixed-case
 * tables and columns, named foreign-key constraints and indexes) reaching the database exactly.
 */
class CompositeKeyTest {

    private static Orm orm(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Artist_.TYPE, Album_.TYPE, Track_.TYPE, Playlist_.TYPE,
                PlaylistTrack_.TYPE).build();
        orm.createTables();
        return orm;
    }

    /** Two playlists, three tracks; playlist "rock" holds tracks 1 and 2, "jazz" holds track 3. */
    private static Playlist[] fill(Orm orm) {
        Artist artist = orm.save(new Artist(1, "AC/DC"));
        Album album = orm.save(new Album(1, "For Those About To Rock", artist));
        Track t1 = orm.save(new Track(1, "For Those About To Rock (We Salute You)", album));
        Track t2 = orm.save(new Track(2, "Put The Finger On You", album));
        Track t3 = orm.save(new Track(3, "Let's Get It Up", album));
        Playlist rock = orm.save(new Playlist("rock"));
        Playlist jazz = orm.save(new Playlist("jazz"));
        orm.save(new PlaylistTrack(rock, t1, "opener"));
        orm.save(new PlaylistTrack(rock, t2, null));
        orm.save(new PlaylistTrack(jazz, t3, null));
        return new Playlist[]{rock, jazz};
    }

    private static QuerySet<PlaylistTrack> entries(Orm orm) {
        return orm.objects(PlaylistTrack_.TYPE);
    }

    private static List<String> rows(Database db) {
        return db.sql("SELECT " + db.dialect().quote("PlaylistId") + ", " + db.dialect().quote("TrackId") + ", note FROM "
                        + db.dialect().quote("PlaylistTrack") + " ORDER BY 1, 2")
                .list(rs -> rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getString(3));
    }

    @AllEngines
    void aCompositeKeyRowIsSavedUpdatedRefreshedAndDeletedByAllItsKeyColumns(Scratch s) {
        Orm orm = orm(s);
        Playlist[] p = fill(orm);
        Database db = s.db();
        assertThat(rows(db)).containsExactly("1/1/opener", "1/2/null", "2/3/null");

        PlaylistTrack second = entries(orm).get(PlaylistTrack_.PLAYLIST_ID.eq(1).and(PlaylistTrack_.TRACK_ID.eq(2)));
        assertThat(second.persisted()).isTrue();
        assertThat(second.track.id()).isEqualTo(2);
        assertThat(second.track.get().name).isEqualTo("Put The Finger On You");

        second.note = "closer";
        orm.save(second);
        assertThat(rows(db)).containsExactly("1/1/opener", "1/2/closer", "2/3/null");

        second.note = "unsaved";
        orm.refresh(second);
        assertThat(second.note).isEqualTo("closer");

        // equality and hashing by every key value
        PlaylistTrack again = entries(orm).filter(PlaylistTrack_.TRACK_ID.eq(2)).list().get(0);
        PlaylistTrack first = entries(orm).filter(PlaylistTrack_.TRACK_ID.eq(1)).list().get(0);
        assertThat(again).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(first);
        assertThat(new PlaylistTrack(p[0], first.track.get(), null)).isNotEqualTo(first); // unsaved

        assertThat(orm.delete(second)).isEqualTo(1);
        assertThat(second.persisted()).isFalse();
        assertThat(rows(db)).containsExactly("1/1/opener", "2/3/null");

        // default ordering by the whole key, counts over the key, existence
        assertThat(entries(orm).first().orElseThrow()).isEqualTo(first);
        assertThat(entries(orm).last().orElseThrow().track.id()).isEqualTo(3);
        assertThat(entries(orm).distinct().count()).isEqualTo(2);
        assertThat(entries(orm).limit(5).count()).isEqualTo(2);
        assertThat(entries(orm).filter(PlaylistTrack_.PLAYLIST_ID.eq(2)).exists()).isTrue();

        // deleting a playlist cascades to its entries, through the composite key
        assertThat(orm.delete(p[1])).isEqualTo(2);
        assertThat(rows(db)).containsExactly("1/1/opener");
    }

    @AllEngines
    void bulkWritesAndJoinedUpdatesMatchRowsByTheWholeKey(Scratch s) {
        Orm orm = orm(s);
        Playlist[] p = fill(orm);
        Database db = s.db();
        List<PlaylistTrack> more = new ArrayList<>();
        for (Track t : orm.objects(Track_.TYPE).orderBy(Track_.TRACK_ID.asc()).list()) {
            more.add(new PlaylistTrack(p[1], t, "bulk"));
        }
        more.remove(2); // jazz already holds track 3
        entries(orm).bulkCreate(more);
        assertThat(more).allMatch(PlaylistTrack::persisted);
        assertThat(rows(db)).containsExactly("1/1/opener", "1/2/null", "2/1/bulk", "2/2/bulk", "2/3/null");

        more.forEach(e -> e.note = "moved");
        assertThat(entries(orm).bulkUpdate(more, "note")).isEqualTo(2);
        assertThat(rows(db)).containsExactly("1/1/opener", "1/2/null", "2/1/moved", "2/2/moved", "2/3/null");

        // a filter across a relation reads the keys first, then updates by them
        int n = entries(orm).filter(PlaylistTrack_.PLAYLIST, pl -> pl.name.eq("rock"))
                .update(PlaylistTrack_.NOTE.set("rock"));
        assertThat(n).isEqualTo(2);
        assertThat(rows(db)).containsExactly("1/1/rock", "1/2/rock", "2/1/moved", "2/2/moved", "2/3/null");

        assertThat(entries(orm).filter(PlaylistTrack_.TRACK_ID.eq(2)).delete()).isEqualTo(2);
        assertThat(rows(db)).containsExactly("1/1/rock", "2/1/moved", "2/3/null");
    }

    @AllEngines
    void theDatabaseEnforcesTheKeyAndItsForeignKeys(Scratch s) {
        Orm orm = orm(s);
        Playlist[] p = fill(orm);
        Database db = s.db();
        Track t1 = orm.objects(Track_.TYPE).get((Object) 1);
        assertThatThrownBy(() -> orm.save(new PlaylistTrack(p[0], t1, "twice")))
                .isInstanceOf(UniqueViolation.class);
        PlaylistTrack dangling = new PlaylistTrack();
        dangling.playlist = Ref.id(p[0].playlistId);
        dangling.track = Ref.id(99);
        assertThatThrownBy(() -> orm.save(dangling)).isInstanceOf(ForeignKeyViolation.class);
        assertThat(rows(db)).containsExactly("1/1/opener", "1/2/null", "2/3/null");
    }

    @AllEngines
    void operationsNeedingOneKeyValueAreRefusedWithWhatToUseInstead(Scratch s) {
        Orm orm = orm(s);
        fill(orm);
        Database db = s.db();
        assertThatThrownBy(() -> entries(orm).get((Object) 1))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("get(primaryKey) needs a single primary-key value, but PlaylistTrack has a composite "
                        + "primary key (playlist, track): use get(Condition) with a condition on each key field");
        assertThatThrownBy(() -> entries(orm).inBulk(List.of(1, 2)))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("inBulk needs a single primary-key value, but PlaylistTrack has a composite primary key "
                        + "(playlist, track): use filter(...) on the key fields and list()");

        PlaylistTrack e = entries(orm).get(PlaylistTrack_.PLAYLIST_ID.eq(1).and(PlaylistTrack_.TRACK_ID.eq(1)));
        e.track = Ref.id(3);
        e.note = "changed";
        assertThatThrownBy(() -> orm.save(e))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("PlaylistTrack with key [1, 1]: field track is part of the composite primary key (playlist, "
                        + "track) and changed from 1 to 3; a saved row's key cannot change: delete it and save a new "
                        + "instance. Nothing was written.");
        assertThat(rows(db)).containsExactly("1/1/opener", "1/2/null", "2/3/null");
    }

    @AllEngines
    void chinookNamesReachTheDatabaseExactly(Scratch s) throws Exception {
        Orm orm = orm(s);
        Engine e = s.engine();
        Dialect d = Dialect.of(e);
        List<String> ddl = orm.ddl(e);
        assertThat(String.join("\n", ddl))
                .contains("PRIMARY KEY (" + d.quote("PlaylistId") + ", " + d.quote("TrackId") + ")")
                .contains("CREATE INDEX " + d.quote("IFK_AlbumArtistId") + " ON " + d.quote("Album") + " ("
                        + d.quote("ArtistId") + ")")
                .contains("CREATE INDEX " + d.quote("IFK_PlaylistTrackTrackId") + " ON " + d.quote("PlaylistTrack")
                        + " (" + d.quote("TrackId") + ")");
        Map<String, List<String>> catalog = catalog(s.db(), e);
        assertThat(catalog.get("Album")).containsExactlyInAnyOrder("FK_AlbumArtistId", "IFK_AlbumArtistId");
        assertThat(catalog.get("PlaylistTrack")).containsExactlyInAnyOrder("FK_PlaylistTrackPlaylistId",
                "FK_PlaylistTrackTrackId", "IFK_PlaylistTrackTrackId");
        assertThat(catalog.get("Track")).containsExactlyInAnyOrder("FK_TrackAlbumId", "Track_AlbumId_idx");
    }

    /**
     * Per table: the names of its foreign-key constraints and of its indexes other than the primary key's (SQLite
     * keeps a constraint's name only in the table's SQL text, so it is read from there).
     */
    private static Map<String, List<String>> catalog(Database db, Engine e) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (String table : List.of("Album", "PlaylistTrack", "Track")) {
            List<String> names = new ArrayList<>();
            switch (e) {
                case POSTGRESQL -> {
                    names.addAll(db.sql("SELECT constraint_name FROM information_schema.table_constraints WHERE "
                            + "table_schema = current_schema() AND table_name = ? AND constraint_type = 'FOREIGN KEY'",
                            table).list(rs -> rs.getString(1)));
                    names.addAll(db.sql("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND "
                            + "tablename = ? AND indexname NOT LIKE '%pkey'", table).list(rs -> rs.getString(1)));
                }
                case MARIADB -> {
                    names.addAll(db.sql("SELECT constraint_name FROM information_schema.table_constraints WHERE "
                            + "table_schema = database() AND table_name = ? AND constraint_type = 'FOREIGN KEY'",
                            table).list(rs -> rs.getString(1)));
                    // MariaDB gives every foreign key an index, named after the constraint unless one exists
                    names.addAll(db.sql("SELECT DISTINCT index_name FROM information_schema.statistics WHERE "
                            + "table_schema = database() AND table_name = ? AND index_name <> 'PRIMARY'", table)
                            .list(rs -> rs.getString(1)).stream().filter(n -> !n.startsWith("FK_")).toList());
                }
                default -> {
                    String sql = db.sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table)
                            .list(rs -> rs.getString(1)).get(0);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("CONSTRAINT \"([^\"]+)\" FOREIGN KEY")
                            .matcher(sql);
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                    names.addAll(db.sql("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND "
                            + "name NOT LIKE 'sqlite_autoindex%'", table).list(rs -> rs.getString(1)));
                }
            }
            out.put(table, names);
        }
        return out;
    }

    @AllEngines
    void relationsOfACompositeKeyModelLoadEagerly(Scratch s) {
        Orm orm = orm(s);
        fill(orm);
        List<PlaylistTrack> joined = entries(orm).selectRelated(PlaylistTrack_.PLAYLIST, PlaylistTrack_.TRACK)
                .list();
        assertThat(joined).hasSize(3).allMatch(e -> e.playlist.loaded() && e.track.loaded());
        assertThat(joined.get(2).track.peek().name).isEqualTo("Let's Get It Up");
        List<PlaylistTrack> prefetched = entries(orm).prefetchRelated(PlaylistTrack_.TRACK).list();
        assertThat(prefetched).allMatch(e -> e.track.loaded());
        assertThat(prefetched.get(0).track.peek().name).isEqualTo("For Those About To Rock (We Salute You)");
    }
}
