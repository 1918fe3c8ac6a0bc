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
     * SQLite lock file are left out), one line each; empty when they agree.
     */
    public static List<String> differences(Database db, Migrator migrator) {
        var expected = migrator.appliedState().schema();
        var live = Introspector.read(db, t -> !t.equals(migrator.historyTable()));
        return SchemaComparison.differences(expected, live, db.engine());
    }
}
