package io.covet.orm.chinook;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** Chinook's Playlist, with a generated key. */
@Model(table = "Playlist")
public class Playlist extends Entity {
    @PrimaryKey(column = "PlaylistId")
    Integer playlistId;
    @Column(name = "Name", nullable = true, maxLength = 120)
    String name;

    public Playlist() {
    }

    Playlist(String name) {
        this.name = name;
    }
}
