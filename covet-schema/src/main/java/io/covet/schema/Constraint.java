package io.covet.schema;

/** A named table constraint: {@link UniqueConstraint}, {@link CheckConstraint} or {@link ForeignKey}. */
public sealed interface Constraint permits UniqueConstraint, CheckConstraint, ForeignKey {
    /** The constraint name, unique within its table. */
    String name();
}
