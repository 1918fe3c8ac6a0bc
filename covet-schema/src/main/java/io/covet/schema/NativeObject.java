package io.covet.schema;

import java.util.Objects;

/**
 * A schema object kept as its engine's own SQL because it has no portable form: a view, a trigger, the function a
 * PostgreSQL trigger runs, or an index on expressions. {@link #sql()} is one complete statement that recreates
 * the object in a database of the same engine (names relative to the current schema/database, never qualified
 * with the schema it was read from); it cannot be translated to another engine.
 *
 * <p>Read by {@link Introspector#readNativeObjects}. Engine support: PostgreSQL (views, triggers and their
 * functions, expression indexes), MariaDB (views, triggers; it has no expression indexes), SQLite (views,
 * triggers, expression indexes).
 *
 * @param kind  what it is
 * @param name  its name
 * @param table the table a trigger or index belongs to; null for views and functions
 * @param sql   the statement that creates it, without a trailing semicolon
 */
public record NativeObject(Kind kind, String name, String table, String sql) {
    /** The kinds, in the order they must be created after the tables and their data. */
    public enum Kind {
        /** An index on expressions (plain-column and partial indexes are part of {@link Table}). */
        INDEX,
        /** A view. */
        VIEW,
        /** A function a trigger executes (PostgreSQL). */
        FUNCTION,
        /** A trigger. */
        TRIGGER
    }

    /** Requires every part but {@code table}. */
    public NativeObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql of " + name);
    }

    /** {@code view live_item}, {@code trigger item_audit on item}: for messages. */
    public String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name + (table == null ? "" : " on " + table);
    }
}
