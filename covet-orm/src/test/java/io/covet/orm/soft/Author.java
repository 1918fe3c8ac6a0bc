package io.covet.orm.soft;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;
import io.covet.orm.Reverse;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** A soft-deleted author records who deleted it; names are unique among live authors. */
@Model(table = "sd_author", ordering = "name")
@SoftDelete(deletedBy = "deletedBy")
public class Author extends Entity {
    @PrimaryKey
    Long id;
    @Column(unique = true, maxLength = 100)
    String name;
    @Column(nullable = true)
    Instant deletedAt;
    @Column(nullable = true)
    String deletedBy;
    @Reverse(field = "author")
    Related<Post> posts;

    public Author() {
    }

    Author(String name) {
        this.name = name;
    }
}
