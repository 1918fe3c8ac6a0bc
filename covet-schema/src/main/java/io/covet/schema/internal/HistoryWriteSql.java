package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTarget;
import io.covet.schema.HistoryWrites;

import java.util.ArrayList;
import java.util.List;

/**
 * What the application-capture statement shares on every engine; each engine's class adds its clock, its
 * null-safe comparison, its unit-of-work expression and how one statement both inserts and updates versions.
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

    /** The unit of work as a value: an expression, or {@code ?} bound to the changeset. */
    String unit() {
        return "?";
    }

    /** Version {@code alias} was written by the current unit of work; {@code ?} (if any) binds the changeset. */
    String unitIs(String alias) {
        return alias + "." + q(HistoryTable.TXID) + " = " + unit();
    }

    /** The history table read under {@code alias} where a version is looked up by key (MariaDB forces the index). */
    String byKey(HistoryTarget t, String alias) {
        return q(t.history()) + " " + alias;
    }

    @Override
    public boolean unitFromDatabase() {
        return !unit().equals("?");
    }

    /** SQL text being built, with its parameters in the order of their markers. */
    static final class Out {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Out add(String text) {
            sql.append(text);
            return this;
        }

        /** Appends {@code text} holding one {@code ?} per value, and the values. */
        Out add(String text, Object... values) {
            sql.append(text);
            params.addAll(java.util.Arrays.asList(values));
            return this;
        }

        Statement statement() {
            return new Statement(sql.toString(), params);
        }
    }

    /** {@code a."k" = b."k" AND …}. */
    String keyJoin(HistoryTarget t, String a, String b) {
        return String.join(" AND ", t.keys().stream().map(k -> a + "." + q(k) + " = " + b + "." + q(k)).toList());
    }

    /** The rows of the keys: {@code a."k" IN (?, …)}, or for a composite key {@code ((a."x" = ? AND …) OR …)}. */
    void keyFilter(Out out, HistoryTarget t, String a, List<List<Object>> keys) {
        int n = keys.size();
        if (t.keys().size() == 1) {
            out.add(a + "." + q(t.keys().get(0)) + " IN (" + String.join(", ", java.util.Collections.nCopies(n, "?"))
                    + ")");
        } else {
            String one = "(" + String.join(" AND ", t.keys().stream().map(k -> a + "." + q(k) + " = ?").toList()) + ")";
            out.add("(" + String.join(" OR ", java.util.Collections.nCopies(n, one)) + ")");
        }
        for (List<Object> key : keys) {
            if (key.size() != t.keys().size()) {
                throw new IllegalArgumentException("a key of " + t.source() + " has " + t.keys().size()
                        + " columns, not " + key.size());
            }
            out.params.addAll(key);
        }
    }

    /** Every tracked column of {@code a} equal to {@code b}'s. */
    String allSame(HistoryTarget t, String a, String b) {
        return String.join(" AND ", t.tracked().stream().map(c -> same(a, b, c)).toList());
    }

    /** The open version of the key of row {@code s} (a deletion record too). */
    String openOf(HistoryTarget t, String alias, String s) {
        return keyJoin(t, alias, s) + " AND " + alias + "." + q(HistoryTable.VALID_TO) + " IS NULL";
    }

    /**
     * The new version's start for the key of live row {@code s}: the clock, never before the open version it
     * closes (a clock step back, or a statement that started before its predecessor). Every use in one statement
     * gives one value per key: the clock is fixed per statement on MariaDB and SQLite, and PostgreSQL renders it
     * once.
     */
    String start(HistoryTarget t) {
        String prev = "(SELECT MAX(p." + q(HistoryTable.VALID_FROM) + ") FROM " + byKey(t, "p") + " WHERE "
                + openOf(t, "p", "s") + ")";
        return greatest(now(), "COALESCE(" + prev + ", " + now() + ")");
    }

    /**
     * For an update: no new version where the key's open version (not a deletion) equals live row {@code s}, nor,
     * when {@code rewrite}, where the unit of work wrote that open version (it is rewritten instead).
     */
    void noNewVersion(Out out, HistoryTarget t, boolean rewrite, String changeset) {
        out.add(" AND NOT EXISTS (SELECT 1 FROM " + byKey(t, "e") + " WHERE " + openOf(t, "e", "s") + " AND e."
                + q(HistoryTable.CHANGE_TYPE) + " <> '-' AND (" + allSame(t, "e", "s"));
        if (rewrite) {
            out.add(" OR ").add(unitIs("e"), unitParams(changeset));
        }
        out.add("))");
    }

    /** The changeset as the parameters of one {@link #unit()} / {@link #unitIs} marker. */
    Object[] unitParams(String changeset) {
        return unitFromDatabase() ? new Object[0] : new Object[]{changeset};
    }

    /** Whether the unit's own version is rewritten: updates only, and only where a unit of work is known. */
    boolean rewrites(char changeType, boolean rewrite, String changeset) {
        if ("+~-".indexOf(changeType) < 0) {
            throw new IllegalArgumentException("change type " + changeType);
        }
        return changeType == '~' && rewrite && (unitFromDatabase() || changeset != null);
    }

    /** The tracked columns that a rewrite sets (not the key). */
    List<String> rewritten(HistoryTarget t) {
        return t.tracked().stream().filter(c -> !t.keys().contains(c)).toList();
    }

    /** The bookkeeping columns written after the tracked ones, in this order. */
    static final List<String> TAIL = List.of(HistoryTable.VALID_FROM, HistoryTable.VALID_TO, HistoryTable.CHANGE_TYPE,
            HistoryTable.CHANGED_BY, HistoryTable.CHANGE_REASON, HistoryTable.TXID);

    /**
     * MariaDB and SQLite: one {@code INSERT … SELECT} of (1) the new versions, (2) the open versions to close, as
     * copies carrying their own {@code history_id} and the new start as {@code valid_to}, and, when rewriting, (3)
     * the unit's open versions with the live values and {@code valid_to} NULL. Rows (2) and (3) hit the primary key
     * and become updates ({@link #onKeyHit}); the engine reads the whole SELECT before it inserts, since it reads
     * the table it inserts into, so all three see the history as it was before the statement.
     */
    Out upsert(HistoryTarget t, char changeType, List<List<Object>> keys, String user, String reason,
               String changeset, boolean rewrite) {
        boolean rw = rewrites(changeType, rewrite, changeset);
        String h = q(t.history());
        String src = q(t.source());
        String vt = q(HistoryTable.VALID_TO);
        List<String> cols = new ArrayList<>();
        cols.add(q(HistoryTable.HISTORY_ID));
        t.tracked().forEach(c -> cols.add(q(c)));
        TAIL.forEach(c -> cols.add(q(c)));
        Out out = new Out().add("INSERT INTO " + h + " (" + String.join(", ", cols) + ") SELECT * FROM (SELECT NULL AS c0");
        int i = 1;
        for (String c : t.tracked()) {
            out.add(", s." + q(c) + " AS c" + i++);
        }
        out.add(", " + start(t) + " AS c" + i++ + ", NULL AS c" + i++ + ", '" + changeType + "' AS c" + i++
                + ", ? AS c" + i++ + ", ? AS c" + i++, user, reason);
        out.add(", " + unit() + " AS c" + i, unitParams(changeset));
        out.add(" FROM " + src + " s WHERE ");
        keyFilter(out, t, "s", keys);
        if (changeType == '~') {
            noNewVersion(out, t, rw, changeset);
        }
        // the versions the new ones close
        out.add(" UNION ALL SELECT o." + q(HistoryTable.HISTORY_ID));
        t.tracked().forEach(c -> out.add(", o." + q(c)));
        out.add(", o." + q(HistoryTable.VALID_FROM) + ", " + start(t));
        for (String c : TAIL.subList(2, TAIL.size())) {
            out.add(", o." + q(c));
        }
        out.add(" FROM " + src + " s JOIN " + byKey(t, "o") + " ON " + openOf(t, "o", "s") + " WHERE ");
        keyFilter(out, t, "s", keys);
        if (changeType == '~') {
            noNewVersion(out, t, rw, changeset);
        }
        if (rw) {
            // the unit's own open versions, rewritten to the live row
            out.add(" UNION ALL SELECT o." + q(HistoryTable.HISTORY_ID));
            t.tracked().forEach(c -> out.add(", s." + q(c)));
            out.add(", o." + q(HistoryTable.VALID_FROM) + ", NULL, o." + q(HistoryTable.CHANGE_TYPE) + ", ?, ?, o."
                    + q(HistoryTable.TXID), user, reason);
            out.add(" FROM " + src + " s JOIN " + byKey(t, "o") + " ON " + openOf(t, "o", "s") + " WHERE o."
                    + q(HistoryTable.CHANGE_TYPE) + " <> '-' AND ").add(unitIs("o"), unitParams(changeset));
            out.add(" AND NOT (" + allSame(t, "o", "s") + ") AND ");
            keyFilter(out, t, "s", keys);
        }
        // new versions in key order, as one statement's rows would be recorded on every engine
        List<String> order = new ArrayList<>();
        for (String k : t.keys()) {
            order.add("v.c" + (1 + t.tracked().indexOf(k)));
        }
        out.add(") v WHERE 1 = 1 ORDER BY " + String.join(", ", order) + " ");
        List<String> sets = new ArrayList<>();
        sets.add(vt + " = " + inserted(HistoryTable.VALID_TO));
        if (rw) {
            List<String> rewrittenCols = new ArrayList<>(rewritten(t));
            rewrittenCols.add(HistoryTable.CHANGED_BY);
            rewrittenCols.add(HistoryTable.CHANGE_REASON);
            for (String c : rewrittenCols) {
                sets.add(q(c) + " = CASE WHEN " + inserted(HistoryTable.VALID_TO) + " IS NULL THEN " + inserted(c)
                        + " ELSE " + existing(t, c) + " END");
            }
        }
        out.add(onKeyHit(t) + " " + String.join(", ", sets));
        return out;
    }

    @Override
    public final Statement versions(HistoryTarget t, char changeType, List<List<Object>> keys, String user,
                                    String reason, String changeset, boolean rewrite) {
        return versionsSql(t, changeType, keys, user, reason, changeset, rewrite).statement();
    }

    /**
     * The engine's one statement of {@link #versions}: {@link #upsert} unless the engine writes them otherwise
     * (kept off the per-engine classes' signatures so that they use no type of the public interface).
     */
    Out versionsSql(HistoryTarget t, char changeType, List<List<Object>> keys, String user, String reason,
                    String changeset, boolean rewrite) {
        return upsert(t, changeType, keys, user, reason, changeset, rewrite);
    }

    @Override
    public final java.util.Optional<Statement> updateWithVersions(HistoryTarget t, String update,
                                                                  List<Object> updateParameters, String user,
                                                                  String reason, String changeset) {
        Out out = updateWithVersionsSql(t, update, updateParameters, user, reason, changeset);
        return out == null ? java.util.Optional.empty() : java.util.Optional.of(out.statement());
    }

    /** The engine's one statement of {@link #updateWithVersions}, or null where it has none. */
    Out updateWithVersionsSql(HistoryTarget t, String update, List<Object> updateParameters, String user,
                              String reason, String changeset) {
        return null;
    }

    /** The clause that turns an insert hitting the primary key into an update, up to its SET list. */
    String onKeyHit(HistoryTarget t) {
        throw new UnsupportedOperationException();
    }

    /** In that update: the value the row would have been inserted with. */
    String inserted(String column) {
        throw new UnsupportedOperationException();
    }

    /** In that update: the value the existing row has. */
    String existing(HistoryTarget t, String column) {
        return q(column);
    }
}
