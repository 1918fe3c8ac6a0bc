package io.covet.sql;

/** The implementation side of {@link Condition}. */
non-sealed interface CondNode extends Condition, Node {
}
