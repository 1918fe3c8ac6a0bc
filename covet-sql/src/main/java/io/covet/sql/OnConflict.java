package io.covet.sql;

import java.util.List;

/**
 * The upsert step of an {@link Insert}: what to do when a row collides with an existing one on a unique key.
 * One API for {@code ON CONFLICT} (PostgreSQL, SQLite) and {@code ON DUPLICATE KEY UPDATE} (MariaDB/MySQL).
 */
public final class OnConflict {
    private final Insert insert;
    private final List<Column<?>> keys;

    OnConflict(Insert insert, List<Column<?>> keys) {
        this.insert = insert;
        this.keys = keys;
    }

    /** Keep the existing row and skip the new one. */
    public Insert doNothing() {
        return insert.withConflict(new Conflict(keys, true, List.of(), NoCondition.INSTANCE));
    }

    /**
     * Update the existing row with {@code sets}; use {@link Sql#excluded(Column)} for the value the insert
     * proposed. PostgreSQL and SQLite need the conflict keys named.
     */
    public Insert doUpdate(Assignment... sets) {
        return doUpdateWhere(NoCondition.INSTANCE, sets);
    }

    /**
     * Update the existing row only where {@code condition} holds ({@code DO UPDATE … WHERE}); PostgreSQL and
     * SQLite. MariaDB refuses it.
     */
    @Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.SQLITE})
    public Insert doUpdateWhere(Condition condition, Assignment... sets) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("name the conflict key columns for DO UPDATE: onConflict(T.KEY)…");
        }
        if (sets.length == 0) {
            throw new IllegalArgumentException("DO UPDATE needs at least one assignment");
        }
        return insert.withConflict(new Conflict(keys, false, List.of(sets), condition));
    }
}
