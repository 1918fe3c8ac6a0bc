package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;

/**
 * SQLite: the clock of {@link SqliteHistoryTriggers} ({@code strftime('%Y-%m-%d %H:%M:%f','now')}, text that
 * compares in time order); {@code IS} as the null-safe comparison; joined updates with {@code UPDATE … FROM}
 * (SQLite 3.33 and later, which sqlite-jdbc bundles).
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
    public String collapse(HistoryTarget t, int keyCount) {
        return "UPDATE " + q(t.history()) + " AS h SET " + collapseSet(t, "") + " FROM " + q(t.source())
                + " AS s WHERE " + keyJoin(t, "h", "s") + " AND "
                + collapseWhere(t, "h." + q(HistoryTable.TXID) + " = ?", keyCount);
    }

    @Override
    public String close(HistoryTarget t, int keyCount) {
        return "UPDATE " + q(t.history()) + " AS h SET " + q(HistoryTable.VALID_TO) + " = n."
                + q(HistoryTable.VALID_FROM) + " FROM " + q(t.history()) + " AS n WHERE " + closeJoin(t) + " AND h."
                + q(HistoryTable.VALID_TO) + " IS NULL AND " + keyFilter(t, "h", keyCount);
    }
}
