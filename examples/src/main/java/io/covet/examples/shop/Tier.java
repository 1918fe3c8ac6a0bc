package io.covet.examples.shop;

/** A customer's loyalty tier, stored by name. */
public enum Tier {
    /** The default tier. */
    STANDARD,
    /** Frequent buyers. */
    SILVER,
    /** The best customers. */
    GOLD
}
