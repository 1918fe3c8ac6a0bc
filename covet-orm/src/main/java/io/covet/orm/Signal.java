package io.covet.orm;

/**
 * The moments Covet announces to listeners registered with {@link Orm.Builder#on}.
 *
 * <p>Sent for: instance save/delete; {@code bulkCreate} and {@code bulkUpdate} (per instance, PRE before the
 * statement and POST after it); query-set {@code delete()} (per row, because it loads the rows to apply
 * {@link OnDelete} rules) and cascaded deletes. Not sent for query-set {@code update(...)}, which changes rows
 * without loading them.
 */
public enum Signal {
    /** Before an insert or update. */
    PRE_SAVE,
    /** After an insert or update. */
    POST_SAVE,
    /** Before a delete. */
    PRE_DELETE,
    /** After a delete. */
    POST_DELETE
}
