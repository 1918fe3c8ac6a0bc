package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;

/**
 * MariaDB: the clock of {@link MariaDbHistoryTriggers} ({@code UTC_TIMESTAMP(6)}); {@code <=>} as the null-safe
 * comparison; joined updates as multi-table {@code UPDATE … JOIN} (MariaDB refuses a subquery on the updated
 * table), reading the history through its as-of index ({@code FORCE INDEX}: a full scan would lock every version
 * and make writers of different rows deadlock, as with the triggers); the changeset compared as bytes.
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

    private String locked(HistoryTarget t, String alias) {
        return q(t.history()) + " " + alias + " FORCE INDEX (" + q(HistoryTable.applicationIndexName(t.source()))
                + ")";
    }

    @Override
    public String collapse(HistoryTarget t, int keyCount) {
        return "UPDATE " + locked(t, "h") + " JOIN " + q(t.source()) + " s ON " + keyJoin(t, "h", "s") + " SET "
                + collapseSet(t, "h.") + " WHERE "
                + collapseWhere(t, "CAST(h." + q(HistoryTable.TXID) + " AS BINARY) = CAST(? AS BINARY)", keyCount);
    }

    @Override
    public String close(HistoryTarget t, int keyCount) {
        return "UPDATE " + locked(t, "h") + " JOIN " + locked(t, "n") + " ON " + closeJoin(t) + " SET h."
                + q(HistoryTable.VALID_TO) + " = n." + q(HistoryTable.VALID_FROM) + " WHERE h."
                + q(HistoryTable.VALID_TO) + " IS NULL AND " + keyFilter(t, "h", keyCount);
    }
}
