package io.covet.orm;

/**
 * Receives a {@link Signal}. Runs on the calling thread, inside the same transaction as the write; an exception
 * aborts the operation (and rolls back the surrounding atomic block).
 *
 * @param <T> the model
 */
@FunctionalInterface
public interface SignalListener<T extends Entity> {
    /**
     * @param instance the instance saved or deleted
     * @param created  for save signals, whether it is an insert; false for delete signals
     * @param database the database name
     */
    void on(T instance, boolean created, String database);
}
