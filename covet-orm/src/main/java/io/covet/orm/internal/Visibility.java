package io.covet.orm.internal;

/** Which rows of a {@code @SoftDelete} model a query sees; models without it have only live rows. Not an API. */
public enum Visibility {
    /** Rows not soft-deleted: the default everywhere. */
    LIVE,
    /** Every row ({@code allObjects()}). */
    ALL,
    /** Soft-deleted rows only ({@code deletedOnly()}). */
    DELETED
}
