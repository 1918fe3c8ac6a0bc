package io.covet.orm;

/**
 * How the subclasses of a concrete {@link Model} are stored ({@link Model#inheritance()} on the root model), after
 * Hibernate's strategies of the same names.
 */
public enum InheritanceType {
    /**
     * Multi-table inheritance (the default): a {@code @Model} subclass keeps its own fields in its own table, linked
     * one-to-one to its parent's row ({@code <parent>_ptr_id}).
     */
    JOINED,
    /**
     * Single-table inheritance: the root's table holds the rows of the root and of every subclass at any depth
     * (a subclass of a subclass too), each subclass's
     * own fields as nullable columns of that table, and a discriminator column ({@link Model#discriminator()})
     * saying which model a row is ({@link Model#discriminatorValue()}). Subclasses have no table of their own.
     */
    SINGLE_TABLE
}
