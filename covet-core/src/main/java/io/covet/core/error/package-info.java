/**
 * Covet's exception hierarchy: one unchecked root, {@link io.covet.core.error.CovetException}, and a subtype per
 * condition a caller can act on. Database errors are classified from SQLState and vendor codes of each engine,
 * so the same {@code catch (UniqueViolation e)} works on PostgreSQL, MariaDB and SQLite.
 */
package io.covet.core.error;
