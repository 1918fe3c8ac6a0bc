package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: the clock and unit of work of {@link PostgresHistoryTriggers} ({@code clock_timestamp()},
 * {@code txid_current()}); values compared as text like the triggers do (so that types without equality, such as
 * {@code json}, compare); the rewrite, the insert and the close as data-modifying {@code WITH} clauses of one
 * statement. They all see the history as it was before the statement (PostgreSQL runs them on one snapshot): the
 * rewrite and the insert exclude each other's keys by their conditions, and the close joins the inserted rows
 * ({@code RETURNING}) to the open versions of their keys, so each new version closes its predecessor at its own
 * start. {@code updateWithVersions} puts the ORM's UPDATE first ({@code u AS (UPDATE … RETURNING *)}) and reads
 * the live rows from {@code u}.
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
    Out versionsSql(HistoryTarget t, char changeType, List<List<Object>> keys, String user, String reason,
                    String changeset, boolean rewrite) {
        return statement(t, changeType, keys, null, null, user, reason, changeset, rewrite);
    }

    /**
     * The update's {@code RETURNING *} as the live rows ({@code u}): they hold the new values, which the source
     * table does not show to the other clauses of the statement (one snapshot). The close becomes a clause too, and
     * the statement returns the update's count.
     */
    @Override
    Out updateWithVersionsSql(HistoryTarget t, String update, List<Object> updateParameters, String user,
                              String reason, String changeset) {
        return statement(t, '~', null, update, updateParameters, user, reason, changeset, true);
    }

    /** {@link #versions} of {@code keys}, or, when {@code update} is not null, of the rows it updates. */
    private Out statement(HistoryTarget t, char changeType, List<List<Object>> keys, String update,
                          List<Object> updateParameters, String user, String reason, String changeset,
                          boolean rewrite) {
        boolean rw = rewrites(changeType, rewrite, changeset);
        String h = q(t.history());
        String src = update == null ? q(t.source()) : "u";
        String vt = q(HistoryTable.VALID_TO);
        String vf = q(HistoryTable.VALID_FROM);
        String ct = q(HistoryTable.CHANGE_TYPE);
        Out out = new Out().add("WITH ");
        if (update != null) {
            out.add("u AS (" + update + " RETURNING *), ", updateParameters.toArray());
        }
        if (rw) {
            List<String> sets = new ArrayList<>();
            rewritten(t).forEach(c -> sets.add(q(c) + " = s." + q(c)));
            out.add("r AS (UPDATE " + h + " AS h SET " + String.join(", ", sets)
                    + (sets.isEmpty() ? "" : ", ") + q(HistoryTable.CHANGED_BY) + " = ?, "
                    + q(HistoryTable.CHANGE_REASON) + " = ? FROM " + src + " AS s WHERE " + openOf(t, "h", "s")
                    + " AND h." + ct + " <> '-' AND " + unitIs("h") + " AND NOT (" + allSame(t, "h", "s") + ") AND ",
                    user, reason);
            rows(out, t, keys);
            out.add(" RETURNING 1), ");
        }
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
        List<String> ret = new ArrayList<>(t.keys().stream().map(this::q).toList());
        ret.add(vf);
        out.add("n AS (INSERT INTO " + h + " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", vals)
                + ", " + start(t) + ", '" + changeType + "', ?, ?, " + unit() + " FROM " + src + " s WHERE ",
                user, reason);
        rows(out, t, keys);
        if (changeType == '~') {
            noNewVersion(out, t, rw, changeset);
        }
        // versions in key order, as one statement's rows would be recorded on every engine
        out.add(" ORDER BY " + String.join(", ", t.keys().stream().map(k -> "s." + q(k)).toList()) + " RETURNING "
                + String.join(", ", ret) + ") ");
        String close = "UPDATE " + h + " AS h SET " + vt + " = n." + vf + " FROM n WHERE " + keyJoin(t, "h", "n")
                + " AND h." + vt + " IS NULL";
        return update == null ? out.add(close) : out.add(", c AS (" + close + ") SELECT COUNT(*) FROM u");
    }

    /** The live rows' condition: the keys, or all of {@code u} (the rows the update returned). */
    private void rows(Out out, HistoryTarget t, List<List<Object>> keys) {
        if (keys == null) {
            out.add("TRUE");
        } else {
            keyFilter(out, t, "s", keys);
        }
    }
}
