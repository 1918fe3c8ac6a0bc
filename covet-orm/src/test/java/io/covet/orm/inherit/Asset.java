package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** The soft-delete root of a multi-table hierarchy: every level's rows are marked here. */
@Model(table = "inh_asset", ordering = "name")
@SoftDelete
public class Asset extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @Column(nullable = true)
    Instant deletedAt;

    public Asset() {
    }

    Asset(String name) {
        this.name = name;
    }
}
