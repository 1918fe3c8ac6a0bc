package io.covet.migrate;

import io.covet.core.Database;
import io.covet.schema.Introspector;
import io.covet.schema.SchemaComparison;

import java.util.List;

/** Drift: the live schema compared with the state its applied migrations should have produced. */
public final class Drift {
    private Drift() {
    }

    /**
     * Every difference between the applied migrations' state and the live database (the history table and the
     * SQLite lock file are left out, and so is SQLite's history context table,
     * {@link io.covet.schema.HistoryTriggers#SQLITE_CONTEXT_TABLE}, which history triggers create outside the
     * state, and the audit chain's {@link io.covet.orm.audit.AuditTrail#TABLES}), one line each; empty when they
     * agree.
     */
    public static List<String> differences(Database db, Migrator migrator) {
        var expected = migrator.appliedState().schema();
        var live = Introspector.read(db, t -> !t.equals(migrator.historyTable()) && !historyContext(t));
        return SchemaComparison.differences(expected, live, db.engine());
    }

    /**
     * Every difference between the models and the live database, one line each; empty when the models describe
     * the database exactly (what {@code makemigrations} would find to do if the database were the migrations'
     * state). The history table {@code historyTable} and SQLite's history context table are left out.
     */
    public static List<String> differences(Database db, SchemaSource models, String historyTable) {
        var live = Introspector.read(db, t -> !t.equals(historyTable) && !historyContext(t));
        return SchemaComparison.differences(models.schema(), live, db.engine(), "the models");
    }

    private static boolean historyContext(String table) {
        return table.equals(io.covet.schema.HistoryTriggers.SQLITE_CONTEXT_TABLE)
                || io.covet.orm.audit.AuditTrail.TABLES.contains(table);
    }
}
