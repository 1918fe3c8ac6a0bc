package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reverse accessor: declared on a field of type {@code Related<Source>}, it lists the rows of {@code Source}
 * whose foreign key {@link #field()} points at this instance (e.g. {@code Customer.orders} for
 * {@code Order.customer}). Nothing is stored for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Reverse {
    /** The name of the foreign-key field on the source model. */
    String field();
}
