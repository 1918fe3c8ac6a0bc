package io.covet.migrate;

import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;

/**
 * The autodetector's questions: is this a rename, and what should existing rows get in a new NOT NULL column
 * without default. The CLI asks on the terminal, or answers from {@code --yes-renames}/{@code --no-renames}.
 */
public interface Questioner {
    /** Whether table {@code from} was renamed to {@code to} (rather than dropped and created). */
    boolean renameModel(String from, String to);

    /** Whether column {@code from} of {@code table} was renamed to {@code to}. */
    boolean renameField(String table, String from, String to);

    /**
     * Whether label {@code from} of the enum type {@code type} was renamed to {@code to} (rows keep their value
     * under the new name), rather than removed and another added. By default no: a removed label that rows still
     * hold then makes the migration fail rather than lose them.
     */
    default boolean renameEnumLabel(String type, String from, String to) {
        return false;
    }

    /** A value for existing rows of a new NOT NULL column without default, or null to refuse. */
    ColumnDefault oneOffDefault(String table, Column column);

    /** Answers every rename question with {@code renames} and refuses to invent defaults. */
    static Questioner nonInteractive(boolean renames) {
        return new Questioner() {
            @Override
            public boolean renameModel(String from, String to) {
                return renames;
            }

            @Override
            public boolean renameField(String table, String from, String to) {
                return renames;
            }

            @Override
            public boolean renameEnumLabel(String type, String from, String to) {
                return renames;
            }

            @Override
            public ColumnDefault oneOffDefault(String table, Column column) {
                return null;
            }
        };
    }
}
