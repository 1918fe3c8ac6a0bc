package io.covet.orm.soft;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** A tag of posts (many-to-many); a deleted tag disappears from every post's tags. */
@Model(table = "sd_tag", ordering = "name")
@SoftDelete
public class Tag extends Entity {
    @PrimaryKey
    Long id;
    String name;
    @Column(nullable = true)
    Instant deletedAt;

    public Tag() {
    }

    Tag(String name) {
        this.name = name;
    }
}
