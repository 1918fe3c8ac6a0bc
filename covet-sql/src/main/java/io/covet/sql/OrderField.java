package io.covet.sql;

/** Something an ORDER BY can hold: a {@link Field} (ascending) or a {@link SortField}. */
public sealed interface OrderField permits Field, SortField {
}
