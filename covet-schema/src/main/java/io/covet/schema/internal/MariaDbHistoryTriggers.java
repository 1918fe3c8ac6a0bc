package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Table;

import java.util.List;

/**
 * MariaDB: three {@code AFTER} row triggers. The time is {@code UTC_TIMESTAMP(6)}, the start of the triggering
 * statement; a statement that started before the one it waited for on a row lock would close that row's version
 * before it began, so such a version starts at its predecessor's start instead (the chain never runs backwards).
 * Who, why and the changeset come from the session variables {@code @covet_user}, {@code @covet_reason} and
 * {@code @covet_tx}, which {@code Audit} sets and clears around its unit of work. Inside such a unit, an update of a
 * row whose open version the unit wrote rewrites that version: one version per row and unit of work.
 */
public final class MariaDbHistoryTriggers implements HistoryTriggers {
    private final Dialect d;

    public MariaDbHistoryTriggers(Dialect d) {
        this.d = d;
    }

    @Override
    public List<String> create(Table source, Table history) {
        HistorySql s = new HistorySql(d, source, history);
        return List.of(trigger(s, "INSERT", "_ins"), trigger(s, "UPDATE", "_upd"), trigger(s, "DELETE", "_del"));
    }

    private String trigger(HistorySql s, String event, String suffix) {
        String h = s.q(s.history.name());
        // InnoDB locks every row a locking scan reads: on a small or freshly grown history the optimizer prefers a
        // full scan, and two writers of different rows then deadlock on each other's versions
        String hLocked = h + " FORCE INDEX (" + s.q(HistoryTable.asOfIndexName(s.source.name())) + ")";
        String vf = s.q(HistoryTable.VALID_FROM);
        String vt = s.q(HistoryTable.VALID_TO);
        StringBuilder b = new StringBuilder();
        b.append("CREATE TRIGGER ").append(s.q(HistoryTable.objectName(s.source.name(), suffix))).append(" AFTER ")
                .append(event).append(" ON ").append(s.q(s.source.name())).append(" FOR EACH ROW\nBEGIN\n")
                .append("  DECLARE ts DATETIME(6) DEFAULT UTC_TIMESTAMP(6);\n")
                .append("  DECLARE prev DATETIME(6);\n");
        if (event.equals("UPDATE")) {
            b.append("  IF NOT (").append(s.unchanged(c -> "OLD." + c + " <=> NEW." + c)).append(") THEN\n");
            // a second update of a row in the unit of work that wrote its open version rewrites that version
            // compared as bytes: the session variable's collation is not the column's
            String mine = s.openVersion("OLD") + " AND CAST(" + s.q(HistoryTable.TXID)
                    + " AS BINARY) = CAST(@covet_tx AS BINARY)";
            b.append("  IF @covet_tx IS NOT NULL AND ").append(s.sameKey()).append(" AND EXISTS (SELECT 1 FROM ").append(h).append(" WHERE ")
                    .append(mine).append(") THEN\n")
                    .append("  UPDATE ").append(hLocked).append(" SET ").append(s.rewrite("@covet_user", "@covet_reason"))
                    .append(" WHERE ").append(mine).append(";\n")
                    .append("  ELSE\n");
        }
        for (String image : event.equals("UPDATE") ? List.of("OLD", "NEW") : List.of(event.equals("INSERT") ? "NEW"
                : "OLD")) {
            // an update that keeps the key closed that key's open version with the OLD image already
            boolean keyMoved = event.equals("UPDATE") && image.equals("NEW");
            if (keyMoved) {
                b.append("  IF NOT (").append(s.sameKey()).append(") THEN\n");
            }
            b.append("  SELECT MAX(").append(vf).append(") INTO prev FROM ").append(h).append(" WHERE ")
                    .append(s.openVersion(image)).append(";\n")
                    .append("  IF prev > ts THEN SET ts = prev; END IF;\n")
                    .append("  UPDATE ").append(hLocked).append(" SET ").append(vt).append(" = ts WHERE ")
                    .append(s.openVersion(image)).append(";\n");
            if (keyMoved) {
                b.append("  END IF;\n");
            }
        }
        String image = event.equals("DELETE") ? "OLD" : "NEW";
        String type = event.equals("INSERT") ? "'+'" : event.equals("UPDATE") ? "'~'" : "'-'";
        b.append("  INSERT INTO ").append(h).append(" (").append(s.insertColumns()).append(") VALUES (")
                .append(s.values(image)).append(", ts, ").append(type)
                .append(", @covet_user, @covet_reason, @covet_tx);\n");
        if (event.equals("UPDATE")) {
            b.append("  END IF;\n  END IF;\n");
        }
        return b.append("END").toString();
    }

    @Override
    public List<String> drop(String source) {
        return HistorySql.dropRowTriggers(d, source);
    }

    @Override
    public List<String> setContext() {
        return List.of("SET @covet_user = ?, @covet_reason = ?, @covet_tx = ?");
    }

    @Override
    public List<String> clearContext() {
        return List.of("SET @covet_user = NULL, @covet_reason = NULL, @covet_tx = NULL");
    }

    @Override
    public String tableCount(String table) {
        return "(SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "')";
    }
}
