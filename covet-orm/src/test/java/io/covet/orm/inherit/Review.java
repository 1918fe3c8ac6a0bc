package io.covet.orm.inherit;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Points at the parent: deleting a child (whose parent row goes too) cascades here. */
@Model(table = "inh_review", ordering = "id")
public class Review extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Place> place;
    int stars;

    public Review() {
    }

    Review(Place place, int stars) {
        this.place = Ref.to(place);
        this.stars = stars;
    }
}
