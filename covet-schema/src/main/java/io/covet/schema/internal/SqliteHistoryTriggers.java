package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Table;

import java.util.List;

/**
 * SQLite: three {@code AFTER} triggers. The time is {@code strftime('%Y-%m-%d %H:%M:%f','now')} (UTC,
 * milliseconds), which SQLite holds fixed for the whole statement; writers are serialised, so versions follow
 * commit order. Who, why and the changeset come from the one-row table {@value #SQLITE_CONTEXT_TABLE} that
 * {@code Audit} fills as the first write of its transaction and empties before the transaction ends: no other
 * connection can write (and so fire a trigger) while it holds a row, and nothing of it survives the transaction.
 * Inside such a unit, an update of a row whose open version the unit wrote rewrites that version: one version per
 * row and unit of work.
 */
public final class SqliteHistoryTriggers implements HistoryTriggers {
    private static final String NOW = "strftime('%Y-%m-%d %H:%M:%f','now')";
    private final Dialect d;

    public SqliteHistoryTriggers(Dialect d) {
        this.d = d;
    }

    @Override
    public List<String> create(Table source, Table history) {
        HistorySql s = new HistorySql(d, source, history);
        return List.of(createContext(), trigger(s, "INSERT", "_ins"), trigger(s, "UPDATE", "_upd"), trigger(s, "DELETE", "_del"));
    }

    private String trigger(HistorySql s, String event, String suffix) {
        String h = s.q(s.history.name());
        String ctx = d.quote(SQLITE_CONTEXT_TABLE);
        StringBuilder b = new StringBuilder();
        b.append("CREATE TRIGGER ").append(s.q(HistoryTable.objectName(s.source.name(), suffix))).append(" AFTER ")
                .append(event).append(" ON ").append(s.q(s.source.name())).append(" FOR EACH ROW");
        if (event.equals("UPDATE")) {
            b.append(" WHEN NOT (").append(s.unchanged(c -> "OLD." + c + " IS NEW." + c)).append(")");
        }
        b.append("\nBEGIN\n");
        String fresh = "";
        if (event.equals("UPDATE")) {
            // a second update of a row in the unit of work that wrote its open version rewrites that version;
            // "collapsed" keeps its truth value through the statements below, so they run or skip as one
            String tx = "(SELECT " + d.quote(HistoryTable.TXID) + " FROM " + ctx + " LIMIT 1)";
            String collapsed = tx + " IS NOT NULL AND " + s.sameKey() + " AND EXISTS (SELECT 1 FROM " + h + " WHERE " + s.openVersion("OLD")
                    + " AND " + s.q(HistoryTable.TXID) + " = " + tx + ")";
            String user = "(SELECT " + d.quote(HistoryTable.CHANGED_BY) + " FROM " + ctx + " LIMIT 1)";
            String why = "(SELECT " + d.quote(HistoryTable.CHANGE_REASON) + " FROM " + ctx + " LIMIT 1)";
            // the terms that read no history row come first: SQLite tests them once, before the key's versions
            // are visited, so without a unit of work the statement reads nothing
            b.append("  UPDATE ").append(h).append(" SET ").append(s.rewrite(user, why)).append(" WHERE ")
                    .append(tx).append(" IS NOT NULL AND ").append(s.sameKey()).append(" AND ")
                    .append(s.openVersion("OLD")).append(" AND ")
                    .append(s.q(HistoryTable.TXID)).append(" = ").append(tx).append(";\n");
            fresh = " AND NOT (" + collapsed + ")";
        }
        for (String image : event.equals("UPDATE") ? List.of("OLD", "NEW") : List.of(event.equals("INSERT") ? "NEW"
                : "OLD")) {
            b.append("  UPDATE ").append(h).append(" SET ").append(s.q(HistoryTable.VALID_TO)).append(" = ")
                    .append(NOW).append(" WHERE ")
                    // an update that keeps the key closed that key's open version with the OLD image already
                    .append(event.equals("UPDATE") && image.equals("NEW") ? "NOT (" + s.sameKey() + ") AND " : "")
                    .append(s.openVersion(image)).append(fresh).append(";\n");
        }
        String image = event.equals("DELETE") ? "OLD" : "NEW";
        String type = event.equals("INSERT") ? "'+'" : event.equals("UPDATE") ? "'~'" : "'-'";
        b.append("  INSERT INTO ").append(h).append(" (").append(s.insertColumns()).append(") SELECT ")
                .append(s.values(image)).append(", ").append(NOW).append(", ").append(type);
        for (String c : List.of(HistoryTable.CHANGED_BY, HistoryTable.CHANGE_REASON, HistoryTable.TXID)) {
            b.append(", (SELECT ").append(d.quote(c)).append(" FROM ").append(ctx).append(" LIMIT 1)");
        }
        if (!fresh.isEmpty()) {
            b.append(" WHERE 1 = 1").append(fresh);
        }
        return b.append(";\nEND").toString();
    }

    @Override
    public List<String> drop(String source) {
        return HistorySql.dropRowTriggers(d, source);
    }

    private String createContext() {
        return "CREATE TABLE IF NOT EXISTS " + d.quote(SQLITE_CONTEXT_TABLE) + " (" + d.quote(HistoryTable.CHANGED_BY)
                + " VARCHAR(255), " + d.quote(HistoryTable.CHANGE_REASON) + " VARCHAR(1000), "
                + d.quote(HistoryTable.TXID) + " VARCHAR(64))";
    }

    @Override
    public Object timeValue(java.time.Instant instant) {
        // the triggers' strftime text, which SQLite compares as text
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .format(java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
    }

    @Override
    public List<String> dropShared() {
        return List.of("DROP TABLE IF EXISTS " + d.quote(SQLITE_CONTEXT_TABLE));
    }

    @Override
    public List<String> setContext() {
        // created here too, so Audit.as works before the first history migration (a no-op once it exists)
        return List.of(createContext(), "DELETE FROM " + d.quote(SQLITE_CONTEXT_TABLE), "INSERT INTO " + d.quote(SQLITE_CONTEXT_TABLE)
                + " (" + d.quote(HistoryTable.CHANGED_BY) + ", " + d.quote(HistoryTable.CHANGE_REASON) + ", "
                + d.quote(HistoryTable.TXID) + ") VALUES (?, ?, ?)");
    }

    @Override
    public List<String> clearContext() {
        return List.of("DELETE FROM " + d.quote(SQLITE_CONTEXT_TABLE));
    }

    @Override
    public String tableCount(String table) {
        return "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "')";
    }
}
