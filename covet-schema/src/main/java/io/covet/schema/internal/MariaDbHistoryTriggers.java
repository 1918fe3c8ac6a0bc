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
 * row whose open version the unit wrote rewrites that version: one version per row and unit of work. A foreign key
 * of the table with {@code ON DELETE CASCADE} or {@code SET NULL} also gets a trigger on the referenced table
 * ({@link MariaDbFkActionTriggers}), since InnoDB's own action fires none of these.
 */
public final class MariaDbHistoryTriggers implements HistoryTriggers {
    private final Dialect d;
    private final MariaDbFkActionTriggers actions;

    public MariaDbHistoryTriggers(Dialect d) {
        this.d = d;
        this.actions = new MariaDbFkActionTriggers(d);
    }

    @Override
    public List<String> create(Table source, Table history) {
        HistorySql s = new HistorySql(d, source, history);
        List<String> out = new java.util.ArrayList<>(List.of(trigger(s, "INSERT", "_ins"), trigger(s, "UPDATE", "_upd"),
                trigger(s, "DELETE", "_del")));
        out.addAll(actions.create(source));
        return out;
    }

    private String trigger(HistorySql s, String event, String suffix) {
        String h = s.q(s.history.name());
        StringBuilder b = new StringBuilder();
        b.append("CREATE TRIGGER ").append(s.q(HistoryTable.objectName(s.source.name(), suffix))).append(" AFTER ")
                .append(event).append(" ON ").append(s.q(s.source.name())).append(" FOR EACH ROW\nBEGIN\n")
                .append("  DECLARE ts DATETIME(6) DEFAULT UTC_TIMESTAMP(6);\n")
                .append("  DECLARE prev DATETIME(6);\n")
                .append("  DECLARE n BIGINT;\n")
                .append("  DECLARE hid BIGINT;\n")
                .append("  DECLARE mine INT;\n");
        if (event.equals("UPDATE")) {
            b.append("  IF NOT (").append(s.unchanged(c -> "OLD." + c + " <=> NEW." + c)).append(") THEN\n");
            b.append(openVersions(s, "OLD"));
            // a second update of a row in the unit of work that wrote its open version rewrites that version
            b.append("  IF @covet_tx IS NOT NULL AND ").append(s.sameKey()).append(" AND mine = 1 THEN\n")
                    .append("  UPDATE ").append(locked(s)).append(" SET ").append(s.rewrite("@covet_user", "@covet_reason"))
                    .append(" WHERE ").append(s.openVersion("OLD")).append(" AND ").append(mine(s)).append(";\n")
                    .append("  ELSE\n");
            b.append(close(s, "OLD"));
            // an update that keeps the key closed that key's open version with the OLD image already
            b.append("  IF NOT (").append(s.sameKey()).append(") THEN\n").append(openVersions(s, "NEW"))
                    .append(close(s, "NEW")).append("  END IF;\n");
        } else {
            String image = event.equals("INSERT") ? "NEW" : "OLD";
            b.append(openVersions(s, image)).append(close(s, image));
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

    /**
     * The history table through its as-of index: InnoDB locks every row a locking scan reads, and on a small or
     * freshly grown history the optimizer prefers a full scan, so two writers of different rows would deadlock on
     * each other's versions.
     */
    private static String locked(HistorySql s) {
        return s.q(s.history.name()) + " FORCE INDEX (" + s.q(HistoryTable.asOfIndexName(s.source.name())) + ")";
    }

    /** The version was written by the unit of work, compared as bytes (the variable's collation is not the column's). */
    private static String mine(HistorySql s) {
        return "CAST(" + s.q(HistoryTable.TXID) + " AS BINARY) = CAST(@covet_tx AS BINARY)";
    }

    /**
     * One locking read of the open version(s) of {@code image}'s key: their latest start ({@code prev}), how many
     * ({@code n}, one unless the history was edited by hand), the key of the last ({@code hid}) and whether the unit
     * of work wrote one ({@code mine}). A locking read sees the latest committed versions, as the close needs (a
     * plain read would see the transaction's snapshot). Once, where the start and the close each read it before.
     */
    private static String openVersions(HistorySql s, String image) {
        return "  SELECT MAX(" + s.q(HistoryTable.VALID_FROM) + "), COUNT(*), MAX(" + s.q(HistoryTable.HISTORY_ID)
                + "), MAX(" + mine(s) + ") INTO prev, n, hid, mine FROM " + locked(s) + " WHERE "
                + s.openVersion(image) + " FOR UPDATE;\n";
    }

    /** Closes what {@link #openVersions} read at {@code ts}, moved to {@code prev} if the clock stepped back. */
    private static String close(HistorySql s, String image) {
        String set = "UPDATE " + locked(s) + " SET " + s.q(HistoryTable.VALID_TO) + " = ts WHERE ";
        return "  IF prev > ts THEN SET ts = prev; END IF;\n"
                + "  IF n = 1 THEN\n"
                + "  UPDATE " + s.q(s.history.name()) + " SET " + s.q(HistoryTable.VALID_TO) + " = ts WHERE "
                + s.q(HistoryTable.HISTORY_ID) + " = hid;\n"
                + "  ELSEIF n > 1 THEN\n"
                + "  " + set + s.openVersion(image) + ";\n"
                + "  END IF;\n";
    }

    @Override
    public List<String> drop(String source) {
        return HistorySql.dropRowTriggers(d, source);
    }

    @Override
    public List<String> drop(Table source) {
        List<String> out = new java.util.ArrayList<>(drop(source.name()));
        out.addAll(actions.drop(source));
        return out;
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
