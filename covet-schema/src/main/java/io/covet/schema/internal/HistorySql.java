package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Pieces of history-trigger SQL that read the same on every engine: column lists and key predicates. */
final class HistorySql {
    private final Dialect d;
    final Table source;
    final Table history;
    final List<String> tracked;

    HistorySql(Dialect d, Table source, Table history) {
        this.d = d;
        this.source = source;
        this.history = history;
        this.tracked = HistoryTable.trackedColumns(history);
    }

    String q(String id) {
        return d.quote(id);
    }

    /** {@code "a", "b", …, "valid_from", "change_type", "changed_by", "change_reason", "txid"}. */
    String insertColumns() {
        List<String> cols = new ArrayList<>();
        tracked.forEach(c -> cols.add(q(c)));
        for (String c : List.of(HistoryTable.VALID_FROM, HistoryTable.CHANGE_TYPE, HistoryTable.CHANGED_BY,
                HistoryTable.CHANGE_REASON, HistoryTable.TXID)) {
            cols.add(q(c));
        }
        return String.join(", ", cols);
    }

    /** {@code NEW."a", NEW."b"}: the tracked values of one row image. */
    String values(String image) {
        return String.join(", ", tracked.stream().map(c -> image + "." + q(c)).toList());
    }

    /** {@code "id" = OLD."id" AND "valid_to" IS NULL}: the open version of the row image's key. */
    String openVersion(String image) {
        List<String> parts = new ArrayList<>();
        source.primaryKey().forEach(k -> parts.add(q(k) + " = " + image + "." + q(k)));
        parts.add(q(HistoryTable.VALID_TO) + " IS NULL");
        return String.join(" AND ", parts);
    }

    /** {@code OLD."id" = NEW."id"}: the update keeps the row's key. */
    String sameKey() {
        return String.join(" AND ", source.primaryKey().stream().map(k -> "OLD." + q(k) + " = NEW." + q(k)).toList());
    }

    /** {@code "a" = NEW."a", …, "changed_by" = by, "change_reason" = why}: a version rewritten to the new image. */
    String rewrite(String by, String why) {
        List<String> parts = new ArrayList<>();
        tracked.forEach(c -> parts.add(q(c) + " = NEW." + q(c)));
        parts.add(q(HistoryTable.CHANGED_BY) + " = " + by);
        parts.add(q(HistoryTable.CHANGE_REASON) + " = " + why);
        return String.join(", ", parts);
    }

    /** Every tracked column unchanged between OLD and NEW, with {@code same} rendering one comparison. */
    String unchanged(Function<String, String> same) {
        return String.join(" AND ", tracked.stream().map(c -> same.apply(q(c))).toList());
    }

    /** MariaDB and SQLite: dropping the three row triggers ({@code _ins}, {@code _upd}, {@code _del}) of {@code source}. */
    static List<String> dropRowTriggers(Dialect d, String source) {
        return java.util.stream.Stream.of("_ins", "_upd", "_del")
                .map(suffix -> "DROP TRIGGER IF EXISTS " + d.quote(HistoryTable.objectName(source, suffix))).toList();
    }
}
