package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;

/**
 * SQLite: the clock of {@link SqliteHistoryTriggers} ({@code strftime('%Y-%m-%d %H:%M:%f','now')}, text that
 * compares in time order, fixed for the statement); {@code IS} as the null-safe comparison; versions to close or
 * rewrite updated through {@code ON CONFLICT (history_id) DO UPDATE} of one {@code INSERT … SELECT} (see
 * {@link HistoryWriteSql#upsert}; SQLite 3.24 and later, which sqlite-jdbc bundles).
 */
public final class SqliteHistoryWrites extends HistoryWriteSql {
    public SqliteHistoryWrites(Dialect d) {
        super(d);
    }

    @Override
    String now() {
        return "strftime('%Y-%m-%d %H:%M:%f','now')";
    }

    @Override
    String greatest(String a, String b) {
        return "MAX(" + a + ", " + b + ")";
    }

    @Override
    String same(String a, String b, String column) {
        return a + "." + q(column) + " IS " + b + "." + q(column);
    }

    @Override
    String onKeyHit(HistoryTarget t) {
        return "ON CONFLICT (" + q(HistoryTable.HISTORY_ID) + ") DO UPDATE SET";
    }

    @Override
    String inserted(String column) {
        return "excluded." + q(column);
    }
}
