package io.covet.orm.inherit;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Points at the child: its foreign key is to the child's own table (the link column). */
@Model(table = "inh_booking", ordering = "id")
public class Booking extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Restaurant> restaurant;
    int guests;

    public Booking() {
    }

    Booking(Restaurant restaurant, int guests) {
        this.restaurant = Ref.to(restaurant);
        this.guests = guests;
    }
}
