package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.Ref;

/**
 * How an order reaches its customer: the parent of a multi-table hierarchy. Every fulfilment has a row here;
 * a {@link Shipment} (physical goods) or a {@link Download} (digital goods) adds a row of its own table, linked
 * one-to-one by {@code fulfilment_ptr_id}. {@code orm.objects(Fulfilment_.TYPE).listPolymorphic()} returns each
 * as its most specific model. Deleted with its order.
 */
@Model(table = "fulfilment", ordering = "id")
public class Fulfilment extends ShopModel {
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Order> order;
    @Column(maxLength = 40)
    String reference;

    /** For the ORM. */
    public Fulfilment() {
    }

    /** A new fulfilment of {@code order}. */
    public Fulfilment(Order order, String reference) {
        this.order = Ref.to(order);
        this.reference = reference;
    }

    /** The order fulfilled. */
    public Ref<Order> order() {
        return order;
    }

    /** The fulfilment's reference (a tracking number, a licence key, …). */
    public String reference() {
        return reference;
    }
}
