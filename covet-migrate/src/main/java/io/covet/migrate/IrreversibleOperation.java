package io.covet.migrate;

/** An operation was asked to run backwards but cannot; thrown before anything is changed. */
public final class IrreversibleOperation extends MigrationException {
    /**
     * @param message which migration and operation, and that nothing was changed
     */
    public IrreversibleOperation(String message) {
        super(message);
    }
}
