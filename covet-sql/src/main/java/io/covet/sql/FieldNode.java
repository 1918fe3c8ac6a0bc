package io.covet.sql;

/** The implementation side of {@link Field}: every field in the tree is one of these. */
non-sealed interface FieldNode<T> extends Field<T>, Node {
    /**
     * The name a derived table or CTE exposes this field under, or null when the expression has none (then it
     * needs an alias from {@link Field#as(String)}).
     */
    default String outputName() {
        return null;
    }
}
