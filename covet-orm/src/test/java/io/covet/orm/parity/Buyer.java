package io.covet.orm.parity;

import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

/** A buyer with purchases: the parent side of the QuerySet parity tests. */
@Model(table = "par_buyer", ordering = "id")
public class Buyer extends Entity {
    @PrimaryKey
    Long id;
    String name;
    String country;
    @Reverse(field = "buyer")
    Related<Purchase> purchases;

    public Buyer() {
    }

    Buyer(String name, String country) {
        this.name = name;
        this.country = country;
    }
}
