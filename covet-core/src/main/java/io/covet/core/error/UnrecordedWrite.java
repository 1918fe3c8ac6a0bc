package io.covet.core.error;

/**
 * A statement would have written a table whose history the ORM writes itself ({@code History.Capture.APPLICATION}),
 * outside the ORM, so no version would have been recorded; refused under {@code RawWritePolicy.REFUSE} before it
 * was sent. Nothing was written. Write through the ORM, or give the model {@code capture = TRIGGERS}.
 */
public final class UnrecordedWrite extends CovetException {
    private final String table;

    /**
     * @param table   the tracked table the statement writes
     * @param message what happened, why, and what to do
     */
    public UnrecordedWrite(String table, String message) {
        super(message);
        this.table = table;
    }

    /** The tracked table the statement would have written. */
    public String table() {
        return table;
    }
}
