package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;

/**
 * MariaDB: the clock of {@link MariaDbHistoryTriggers} ({@code UTC_TIMESTAMP(6)}, fixed for the statement);
 * {@code <=>} as the null-safe comparison; the changeset compared as bytes; versions to close or rewrite updated
 * through {@code ON DUPLICATE KEY UPDATE} of one {@code INSERT … SELECT} (see {@link HistoryWriteSql#upsert}),
 * reading the history by key through its as-of index ({@code FORCE INDEX}: a full scan would lock every version and
 * make writers of different rows deadlock, as with the triggers).
 */
public final class MariaDbHistoryWrites extends HistoryWriteSql {
    public MariaDbHistoryWrites(Dialect d) {
        super(d);
    }

    @Override
    String now() {
        return "UTC_TIMESTAMP(6)";
    }

    @Override
    String greatest(String a, String b) {
        return "GREATEST(" + a + ", " + b + ")";
    }

    @Override
    String same(String a, String b, String column) {
        return a + "." + q(column) + " <=> " + b + "." + q(column);
    }

    @Override
    String unitIs(String alias) {
        return "CAST(" + alias + "." + q(HistoryTable.TXID) + " AS BINARY) = CAST(? AS BINARY)";
    }

    @Override
    String byKey(HistoryTarget t, String alias) {
        return q(t.history()) + " " + alias + " FORCE INDEX (" + q(HistoryTable.applicationIndexName(t.source()))
                + ")";
    }

    @Override
    String onKeyHit(HistoryTarget t) {
        return "ON DUPLICATE KEY UPDATE";
    }

    @Override
    String inserted(String column) {
        return "VALUES(" + q(column) + ")";
    }
}
