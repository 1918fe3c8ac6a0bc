package io.covet.migrate;

import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;

/** The value that fills existing rows when a NOT NULL column without default comes back. */
final class Zero {
    private Zero() {
    }

    static ColumnDefault of(ColumnType type) {
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> ColumnDefault.value("0");
            case BOOLEAN -> ColumnDefault.value("false");
            case DATE -> ColumnDefault.value("1970-01-01");
            case TIME -> ColumnDefault.value("00:00:00");
            case TIMESTAMP, TIMESTAMPTZ -> ColumnDefault.value("1970-01-01 00:00:00");
            case UUID -> ColumnDefault.value("00000000-0000-0000-0000-000000000000");
            case JSON -> ColumnDefault.value("{}");
            default -> ColumnDefault.value("");
        };
    }
}
