package io.covet.orm;

/**
 * What deleting a row does to the rows whose foreign key points at it.
 *
 * <p>Who enforces it: {@link #CASCADE}, {@link #PROTECT}, {@link #SET_NULL} and {@link #SET_DEFAULT} are carried
 * out by Covet in its delete path (instance {@code delete()} and query-set {@code delete()}), before the row
 * goes, so that signals fire for every cascaded row and PROTECT fails before anything changes; the database
 * constraint is declared {@code ON DELETE NO ACTION} for them as a safety net. {@link #RESTRICT} and
 * {@link #DO_NOTHING} are left to the database: RESTRICT is declared {@code ON DELETE RESTRICT} and fails with
 * {@link io.covet.core.error.ForeignKeyViolation}; DO_NOTHING declares no action and relies on the engine (on
 * SQLite, whose foreign keys are only checked when enabled, dangling rows may remain).
 */
public enum OnDelete {
    /** Delete the pointing rows too (Covet, recursively, with signals). */
    CASCADE,
    /** Refuse the delete with {@link ProtectedError} while pointing rows exist (Covet, before any change). */
    PROTECT,
    /** Set the foreign key to NULL (Covet); the field must be nullable. */
    SET_NULL,
    /** Set the foreign key to the field's default (Covet); the field must declare one. */
    SET_DEFAULT,
    /** Let the database refuse the delete ({@code ON DELETE RESTRICT}). */
    RESTRICT,
    /** Do nothing; the database constraint (NO ACTION) decides. */
    DO_NOTHING
}
