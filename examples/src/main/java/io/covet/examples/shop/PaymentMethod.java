package io.covet.examples.shop;

/** How an order was paid, stored by ordinal (append new methods at the end only). */
public enum PaymentMethod {
    /** Card payment. */
    CARD,
    /** Invoice. */
    INVOICE,
    /** Mobile payment. */
    MOBILE
}
