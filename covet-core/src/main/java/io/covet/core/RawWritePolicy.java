package io.covet.core;

/**
 * What a {@link Database} does with a statement that writes a table whose history its ORM writes itself
 * ({@code @History(capture = APPLICATION)}), when the statement does not come from that ORM (so no version would
 * be recorded): set with {@link DatabaseConfig.Builder#historyRawWrites}. See {@link Database#protectWrites}.
 */
public enum RawWritePolicy {
    /**
     * The default: the statement is refused with {@link io.covet.core.error.UnrecordedWrite} before it is sent,
     * naming the table; nothing is written.
     */
    REFUSE,
    /** The statement runs, and one warning naming the table and the statement's shape is logged. */
    LOG
}
