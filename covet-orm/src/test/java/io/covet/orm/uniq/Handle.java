package io.covet.orm.uniq;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** A soft-deleted handle: names are unique among live handles only. */
@Model(table = "uq_handle")
@SoftDelete
public class Handle extends Entity {
    @PrimaryKey
    Long id;
    @Column(unique = true, maxLength = 40)
    String name;
    @Column(nullable = true)
    Instant deletedAt;

    public Handle() {
    }

    Handle(String name) {
        this.name = name;
    }
}
