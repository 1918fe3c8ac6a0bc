package io.covet.migrate;

/** An operation was asked to run backwards but cannot; thrown before anything is changed. */
public final class IrreversibleOperation extends MigrationException {
    public IrreversibleOperation(String message) {
        super(message);
    }
}
