package io.covet.migrate;

/**
 * A data migration named by a {@code RunJava} operation: a public class with a public no-argument constructor.
 * {@link #forward} runs when the migration is applied, {@link #backward} when it is unapplied; both run on the
 * migration's connection, inside its transaction on PostgreSQL and SQLite.
 *
 * <p>A class that does not override {@link #backward} makes its migration irreversible: unapplying it fails
 * before anything is changed.
 */
public interface DataMigration {
    /** Applies the data change. */
    void forward(MigrationContext context) throws Exception;

    /** Reverts the data change; the default refuses, which makes the operation irreversible. */
    default void backward(MigrationContext context) throws Exception {
        throw new IrreversibleOperation(getClass().getName() + " has no backward step");
    }
}
