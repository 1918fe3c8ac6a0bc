package io.covet.orm.parity;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A purchase of a buyer: an amount in cents and a status. */
@Model(table = "par_purchase", ordering = "id")
public class Purchase extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Buyer> buyer;
    int amount;
    String status;
    @Column(nullable = true)
    java.time.LocalDate placedOn;

    public Purchase() {
    }

    Purchase(Buyer buyer, int amount, String status, java.time.LocalDate placedOn) {
        this(buyer, amount, status);
        this.placedOn = placedOn;
    }

    Purchase(Buyer buyer, int amount, String status) {
        this.buyer = Ref.to(buyer);
        this.amount = amount;
        this.status = status;
    }
}
