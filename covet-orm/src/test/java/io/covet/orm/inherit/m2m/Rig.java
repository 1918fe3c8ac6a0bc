package io.covet.orm.inherit.m2m;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** The soft-delete root of a multi-table hierarchy whose child Truck is a many-to-many target. */
@Model(table = "mm_rig", ordering = "name")
@SoftDelete
public class Rig extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @Column(nullable = true)
    Instant deletedAt;

    public Rig() {
    }

    Rig(String name) {
        this.name = name;
    }
}
