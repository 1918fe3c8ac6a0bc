package io.covet.sql;

/** Which clause is being written; a few nodes (aliases) render differently per clause. */
enum Clause {
    /** The select list, where an aliased field declares {@code expr AS "alias"}. */
    SELECT,
    /** GROUP BY and a query's ORDER BY, where an aliased field is referenced by its alias. */
    REFERENCE,
    /** Everywhere else: an aliased field renders its expression. */
    OTHER
}
