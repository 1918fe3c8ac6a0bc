package io.covet.orm.chinook;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Chinook's Track, cut down to what the composite-key tests need. */
@Model(table = "Track")
public class Track extends Entity {
    @PrimaryKey(auto = false, column = "TrackId")
    Integer trackId;
    @Column(name = "Name", maxLength = 200)
    String name;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, column = "AlbumId", nullable = true, constraint = "FK_TrackAlbumId")
    Ref<Album> album;

    public Track() {
    }

    Track(int id, String name, Album album) {
        this.trackId = id;
        this.name = name;
        this.album = Ref.to(album);
    }
}
