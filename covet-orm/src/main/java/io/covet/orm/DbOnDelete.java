package io.covet.orm;

/**
 * The {@code ON DELETE} rule of a foreign key's database constraint, when the database itself (not Covet) is to
 * act on the rows pointing at a deleted row: {@code @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete =
 * DbOnDelete.CASCADE)}. This is how a model describes an existing database whose constraints say
 * {@code ON DELETE CASCADE} or {@code SET NULL} (what {@code inspectdb} writes for them).
 *
 * <p>Unlike {@link OnDelete}, whose rules Covet carries out in its delete path with signals for every row, a
 * database rule acts inside the engine: no signal fires and no hook runs for the rows it deletes or changes, and
 * on SQLite it acts only while foreign keys are enabled (Covet enables them on its connections). The history
 * triggers of a tracked model ({@code @History}) still record those rows: PostgreSQL and SQLite fire them, and on
 * MariaDB, whose InnoDB does not, the migrations add a trigger on the referenced table that acts first (a key to
 * the model's own table is refused there; see docs/history.md). Any rule but
 * {@link #DEFAULT} requires {@code onDelete = OnDelete.DO_NOTHING}, so that exactly one party acts; {@link #SET_NULL}
 * requires a nullable relation.
 */
public enum DbOnDelete {
    /** The constraint follows {@link OnDelete}: {@code RESTRICT} for {@link OnDelete#RESTRICT}, else NO ACTION. */
    DEFAULT,
    /** {@code ON DELETE NO ACTION}: the database refuses a delete that would leave dangling rows (at commit). */
    NO_ACTION,
    /** {@code ON DELETE RESTRICT}: the database refuses such a delete at once. */
    RESTRICT,
    /** {@code ON DELETE CASCADE}: the database deletes the pointing rows. */
    CASCADE,
    /** {@code ON DELETE SET NULL}: the database sets the pointing column to NULL. */
    SET_NULL,
    /** {@code ON DELETE SET DEFAULT}: the database sets the pointing column to its default. */
    SET_DEFAULT
}
