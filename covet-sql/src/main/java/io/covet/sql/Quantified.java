package io.covet.sql;

import java.util.Objects;

/**
 * {@code ANY (subquery)} or {@code ALL (subquery)}, the right side of a quantified comparison such as
 * {@code price.gt(Sql.all(select(…)))}. PostgreSQL and MariaDB; SQLite refuses it.
 *
 * @param <T> the type of the subquery's single column
 */
@Supports({io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.MARIADB})
public final class Quantified<T> {
    final boolean all;
    final Select subquery;

    Quantified(boolean all, Select subquery) {
        this.all = all;
        this.subquery = Objects.requireNonNull(subquery, "subquery");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantified<?> q && q.all == all && q.subquery.equals(subquery);
    }

    @Override
    public int hashCode() {
        return subquery.hashCode() * 31 + (all ? 1 : 0);
    }
}
