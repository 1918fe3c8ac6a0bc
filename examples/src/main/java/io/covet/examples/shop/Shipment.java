package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A physical fulfilment: a parcel with a weight and a carrier (multi-table child of {@link Fulfilment}). */
@Model(table = "shipment")
public class Shipment extends Fulfilment {
    int weightGrams;
    @Column(maxLength = 40)
    String carrier;

    /** For the ORM. */
    public Shipment() {
    }

    /** A new parcel for {@code order}. */
    public Shipment(Order order, String reference, int weightGrams, String carrier) {
        super(order, reference);
        this.weightGrams = weightGrams;
        this.carrier = carrier;
    }

    /** The parcel's weight in grams. */
    public int weightGrams() {
        return weightGrams;
    }

    /** Sets the weight; returns this shipment for chaining. */
    public Shipment weightGrams(int grams) {
        this.weightGrams = grams;
        return this;
    }

    /** The carrier. */
    public String carrier() {
        return carrier;
    }
}
