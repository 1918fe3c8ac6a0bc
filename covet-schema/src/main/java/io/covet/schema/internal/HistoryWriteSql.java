package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;
import io.covet.schema.HistoryWrites;

import java.util.ArrayList;
import java.util.List;

/**
 * What the application-capture statements share on every engine; each engine's class adds its clock, its
 * null-safe comparison, its unit-of-work expression and its form of a joined UPDATE.
 */
abstract class HistoryWriteSql implements HistoryWrites {
    final Dialect d;

    HistoryWriteSql(Dialect d) {
        this.d = d;
    }

    String q(String id) {
        return d.quote(id);
    }

    /** The database clock in UTC, as the triggers write it. */
    abstract String now();

    /** The larger of two times of the history's type. */
    abstract String greatest(String a, String b);

    /** {@code a.c} and {@code b.c} equal, NULLs equal. */
    abstract String same(String a, String b, String column);

    /** The unit of work: an expression, or {@code ?} bound to the changeset. */
    String unit() {
        return "?";
    }

    @Override
    public boolean unitFromDatabase() {
        return !unit().equals("?");
    }

    /** {@code a."k" = b."k" AND …}. */
    String keyJoin(HistoryTarget t, String a, String b) {
        return String.join(" AND ", t.keys().stream().map(k -> a + "." + q(k) + " = " + b + "." + q(k)).toList());
    }

    /** The rows of {@code n} keys: {@code a."k" IN (?, …)}, or for a composite key {@code ((a."x" = ? AND …) OR …)}. */
    String keyFilter(HistoryTarget t, String a, int n) {
        if (t.keys().size() == 1) {
            return a + "." + q(t.keys().get(0)) + " IN (" + String.join(", ", java.util.Collections.nCopies(n, "?"))
                    + ")";
        }
        String one = "(" + String.join(" AND ", t.keys().stream().map(k -> a + "." + q(k) + " = ?").toList()) + ")";
        return "(" + String.join(" OR ", java.util.Collections.nCopies(n, one)) + ")";
    }

    /** Every tracked column of {@code a} equal to {@code b}'s. */
    String allSame(HistoryTarget t, String a, String b) {
        return String.join(" AND ", t.tracked().stream().map(c -> same(a, b, c)).toList());
    }

    /** The open version of the key of row {@code s}, not a deletion record. */
    String openOf(HistoryTarget t, String alias, String s) {
        return keyJoin(t, alias, s) + " AND " + alias + "." + q(HistoryTable.VALID_TO) + " IS NULL";
    }

    @Override
    public String insertVersions(HistoryTarget t, char changeType, int keyCount) {
        if ("+~-".indexOf(changeType) < 0) {
            throw new IllegalArgumentException("change type " + changeType);
        }
        String h = q(t.history());
        List<String> cols = new ArrayList<>();
        List<String> vals = new ArrayList<>();
        for (String c : t.tracked()) {
            cols.add(q(c));
            vals.add("s." + q(c));
        }
        for (String c : List.of(HistoryTable.VALID_FROM, HistoryTable.CHANGE_TYPE, HistoryTable.CHANGED_BY,
                HistoryTable.CHANGE_REASON, HistoryTable.TXID)) {
            cols.add(q(c));
        }
        String vf = q(HistoryTable.VALID_FROM);
        // never before the version it closes (a clock step back, or a statement that started before its predecessor)
        String prev = "(SELECT MAX(p." + vf + ") FROM " + h + " p WHERE " + openOf(t, "p", "s") + ")";
        String ts = greatest(now(), "COALESCE(" + prev + ", " + now() + ")");
        StringBuilder b = new StringBuilder("INSERT INTO ").append(h).append(" (").append(String.join(", ", cols))
                .append(") SELECT ").append(String.join(", ", vals)).append(", ").append(ts).append(", '")
                .append(changeType).append("', ?, ?, ").append(unit()).append(" FROM ").append(q(t.source()))
                .append(" s WHERE ").append(keyFilter(t, "s", keyCount));
        if (changeType == '~') {
            b.append(" AND NOT EXISTS (SELECT 1 FROM ").append(h).append(" o WHERE ").append(openOf(t, "o", "s"))
                    .append(" AND o.").append(q(HistoryTable.CHANGE_TYPE)).append(" <> '-' AND ")
                    .append(allSame(t, "o", "s")).append(")");
        }
        // versions in key order, as one statement's rows would be recorded on every engine
        b.append(" ORDER BY ").append(String.join(", ", t.keys().stream().map(k -> "s." + q(k)).toList()));
        return b.toString();
    }

    /** The SET list of a collapse: {@code c = s.c, …, changed_by = ?, change_reason = ?}, columns prefixed. */
    String collapseSet(HistoryTarget t, String prefix) {
        List<String> sets = new ArrayList<>();
        for (String c : t.tracked()) {
            if (!t.keys().contains(c)) {
                sets.add(prefix + q(c) + " = s." + q(c));
            }
        }
        sets.add(prefix + q(HistoryTable.CHANGED_BY) + " = ?");
        sets.add(prefix + q(HistoryTable.CHANGE_REASON) + " = ?");
        return String.join(", ", sets);
    }

    /** The WHERE of a collapse after the join: the unit's open version, differing from the live row. */
    String collapseWhere(HistoryTarget t, String unitMatch, int keyCount) {
        return "h." + q(HistoryTable.VALID_TO) + " IS NULL AND h." + q(HistoryTable.CHANGE_TYPE) + " <> '-' AND "
                + unitMatch + " AND " + keyFilter(t, "s", keyCount) + " AND NOT (" + allSame(t, "h", "s") + ")";
    }

    /** The WHERE of a close after the join: older open versions of the keys. */
    String closeJoin(HistoryTarget t) {
        return keyJoin(t, "n", "h") + " AND n." + q(HistoryTable.VALID_TO) + " IS NULL AND n."
                + q(HistoryTable.HISTORY_ID) + " > h." + q(HistoryTable.HISTORY_ID);
    }
}
