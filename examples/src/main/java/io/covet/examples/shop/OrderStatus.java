package io.covet.examples.shop;

/** Where an order is in its life, stored by name. */
public enum OrderStatus {
    /** Placed, not paid. */
    NEW,
    /** Paid. */
    PAID,
    /** On its way. */
    SHIPPED,
    /** Cancelled by the customer or the shop. */
    CANCELLED
}
