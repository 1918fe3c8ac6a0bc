package io.covet.sql;

/** Something a select list can hold: a {@link Field} or a table's {@link Table#asterisk() asterisk}. */
public sealed interface SelectItem permits Field, Asterisk {
}
