package io.covet.orm;

import io.covet.core.Database;

import java.util.Set;

/**
 * The place where history, audit and soft delete plug into the write path (roadmap item 9). Hooks run after
 * signals' PRE and before their POST, inside the write's transaction; all methods default to doing nothing.
 */
public interface PersistenceHook {
    /** After a row was inserted. */
    default void afterInsert(Entity instance, Database db) {
    }

    /** After a row was updated; {@code changed} are the field names written. */
    default void afterUpdate(Entity instance, Set<String> changed, Database db) {
    }

    /**
     * Before a row is deleted. Return true when the hook handled the delete itself (e.g. marked the row deleted
     * for a soft delete): Covet then sends no DELETE for it (cascades still apply).
     */
    default boolean interceptDelete(Entity instance, Database db) {
        return false;
    }

    /** After a row was deleted (or intercepted). */
    default void afterDelete(Entity instance, Database db) {
    }
}
