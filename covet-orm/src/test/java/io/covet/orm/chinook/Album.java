package io.covet.orm.chinook;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Index;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Chinook's Album: the foreign key keeps Chinook's constraint name, and its index is declared by name. */
@Model(table = "Album", indexes = @Index(name = "IFK_AlbumArtistId", fields = "artist"))
public class Album extends Entity {
    @PrimaryKey(auto = false, column = "AlbumId")
    Integer albumId;
    @Column(name = "Title", maxLength = 160)
    String title;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, column = "ArtistId", constraint = "FK_AlbumArtistId", index = false)
    Ref<Artist> artist;

    public Album() {
    }

    Album(int id, String title, Artist artist) {
        this.albumId = id;
        this.title = title;
        this.artist = Ref.to(artist);
    }
}
