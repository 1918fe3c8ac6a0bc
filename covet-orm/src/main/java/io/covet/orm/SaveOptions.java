package io.covet.orm;

/**
 * How {@link Orm#save(Entity, SaveOptions)} saves: whether it runs the full validation with uniqueness queries
 * first, and on which database. Immutable; the {@code with…}/{@code on} methods return copies.
 *
 * @param validateUnique whether {@link Orm#fullClean} runs first, uniqueness queries included
 * @param database       the database to save on; null for the instance's own (or the default)
 */
public record SaveOptions(boolean validateUnique, String database) {
    /** Options of a plain {@code save}: field validation only, on the instance's database. */
    public static SaveOptions defaults() {
        return new SaveOptions(false, null);
    }

    /** Validate everything first, uniqueness included ({@code save(validate = true)} in Django terms). */
    public static SaveOptions validated() {
        return new SaveOptions(true, null);
    }

    /** These options on the named database. */
    public SaveOptions on(String databaseName) {
        return new SaveOptions(validateUnique, databaseName);
    }
}
