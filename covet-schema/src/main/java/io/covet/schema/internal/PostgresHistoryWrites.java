package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;

/**
 * PostgreSQL: the clock and unit of work of {@link PostgresHistoryTriggers} ({@code clock_timestamp()},
 * {@code txid_current()}); values compared as text like the triggers do (so that types without equality, such as
 * {@code json}, compare); joined updates with {@code UPDATE … FROM}.
 */
public final class PostgresHistoryWrites extends HistoryWriteSql {
    public PostgresHistoryWrites(Dialect d) {
        super(d);
    }

    @Override
    String now() {
        return "(clock_timestamp() AT TIME ZONE 'UTC')";
    }

    @Override
    String greatest(String a, String b) {
        return "GREATEST(" + a + ", " + b + ")";
    }

    @Override
    String same(String a, String b, String column) {
        return a + "." + q(column) + "::text IS NOT DISTINCT FROM " + b + "." + q(column) + "::text";
    }

    @Override
    String unit() {
        return "txid_current()::text";
    }

    @Override
    public String collapse(HistoryTarget t, int keyCount) {
        return "UPDATE " + q(t.history()) + " AS h SET " + collapseSet(t, "") + " FROM " + q(t.source())
                + " AS s WHERE " + keyJoin(t, "h", "s") + " AND "
                + collapseWhere(t, "h." + q(HistoryTable.TXID) + " = " + unit(), keyCount);
    }

    @Override
    public String close(HistoryTarget t, int keyCount) {
        return "UPDATE " + q(t.history()) + " AS h SET " + q(HistoryTable.VALID_TO) + " = n."
                + q(HistoryTable.VALID_FROM) + " FROM " + q(t.history()) + " AS n WHERE " + closeJoin(t) + " AND h."
                + q(HistoryTable.VALID_TO) + " IS NULL AND " + keyFilter(t, "h", keyCount);
    }
}
