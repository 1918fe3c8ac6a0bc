package io.covet.orm.spi;

import io.covet.sql.Table;

/**
 * Implemented by a generated metamodel that declares relation paths: the target table of each of its paths under
 * an alias, chosen by the path's index in one switch. Generated code passes the metamodel and an index to
 * {@link Metamodel#forward(String, String, String, RelationTables, int)} and its siblings instead of one lambda per
 * path, because each lambda costs a call site bootstrap (a class spun at run time) when the metamodel initialises,
 * which is most of what a relation adds to an {@code Orm}'s start.
 */
public interface RelationTables {
    /**
     * The target table of relation path {@code relation} (its index in the generated metamodel) aliased as
     * {@code alias}; never null.
     *
     * @throws IndexOutOfBoundsException for an index the metamodel does not declare
     */
    Table relationTable(int relation, String alias);
}
