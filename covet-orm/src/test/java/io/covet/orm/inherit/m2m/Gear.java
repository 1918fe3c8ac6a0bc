package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.InheritanceType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** The soft-delete root of a single-table hierarchy whose subclasses are many-to-many ends. */
@Model(table = "mm_gear", ordering = "label", inheritance = InheritanceType.SINGLE_TABLE, discriminator = "kind")
@SoftDelete
public class Gear extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String label;
    @Column(nullable = true)
    Instant deletedAt;

    public Gear() {
    }

    Gear(String label) {
        this.label = label;
    }
}
