package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** The parent of the multi-table tests: every place has a row here. */
@Model(table = "inh_place", ordering = "name")
public class Place extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @Column(maxLength = 40)
    String city;
    @ForeignKey(onDelete = OnDelete.CASCADE, nullable = true)
    Ref<Keeper> owner;

    public Place() {
    }

    Place(String name, String city) {
        this.name = name;
        this.city = city;
    }
}
