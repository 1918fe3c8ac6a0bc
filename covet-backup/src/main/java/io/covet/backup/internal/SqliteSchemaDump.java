package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.ObjectDdl;
import io.covet.core.engine.Engine;
import io.covet.schema.Introspector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * SQLite's schema as written when it was created ({@code sqlite_master.sql}, what {@code .schema} prints, read by
 * covet-schema's {@link Introspector#readScript}): declared types as written, {@code WITHOUT ROWID}, {@code STRICT},
 * {@code AUTOINCREMENT}, generated columns, virtual tables (FTS5), indexes, views and triggers, tables first, each
 * group in creation order. The shadow tables a virtual table keeps its index in are left out: the virtual table
 * recreates them, and its rows are reloaded through it.
 */
public final class SqliteSchemaDump {
    private SqliteSchemaDump() {
    }

    /** Every object with a definition, tables first, in creation order, without shadow tables. */
    public static List<ObjectDdl> read(Connection c) throws SQLException {
        return MariaDbSchemaDump.objects(Introspector.readScript(c, Engine.SQLITE, List.of(), List.of()));
    }

    /** The shadow tables of virtual tables (SQLite 3.37+ lists them as such; older versions have none to list). */
    public static Set<String> shadowTables(Connection c) throws SQLException {
        return Introspector.shadowTables(c, Engine.SQLITE);
    }
}
