package io.covet.orm.chinook;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** Chinook's Artist, as inspectdb writes it: mixed-case table and columns, an application-assigned key. */
@Model(table = "Artist")
public class Artist extends Entity {
    @PrimaryKey(auto = false, column = "ArtistId")
    Integer artistId;
    @Column(name = "Name", nullable = true, maxLength = 120)
    String name;

    public Artist() {
    }

    Artist(int id, String name) {
        this.artistId = id;
        this.name = name;
    }
}
