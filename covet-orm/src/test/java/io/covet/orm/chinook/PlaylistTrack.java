package io.covet.orm.chinook;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Index;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.Ref;

/**
 * Chinook's PlaylistTrack: a composite primary key of two foreign keys (playlist first), plus a note of its own
 * (not in Chinook) so that updates have something to change.
 */
@Model(table = "PlaylistTrack", primaryKey = {"playlist", "track"},
        indexes = @Index(name = "IFK_PlaylistTrackTrackId", fields = "track"))
public class PlaylistTrack extends Entity {
    @ForeignKey(onDelete = OnDelete.CASCADE, column = "PlaylistId", constraint = "FK_PlaylistTrackPlaylistId",
            index = false)
    Ref<Playlist> playlist;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, column = "TrackId", constraint = "FK_PlaylistTrackTrackId",
            index = false)
    Ref<Track> track;
    @Column(nullable = true, maxLength = 40)
    String note;

    public PlaylistTrack() {
    }

    PlaylistTrack(Playlist p, Track t, String note) {
        this.playlist = Ref.to(p);
        this.track = Ref.to(t);
        this.note = note;
    }
}
