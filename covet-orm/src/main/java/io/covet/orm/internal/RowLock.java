package io.covet.orm.internal;

import io.covet.orm.OrmUsageException;
import io.covet.orm.Path;
import io.covet.sql.Select;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * A query's row lock ({@code select_for_update}): whether locked rows are skipped or make the read fail at once,
 * and whose rows are locked ({@code of}: the model's own rows and/or those of joined relations; empty for every
 * table read). Rendering, and refusing what an engine lacks ({@code UnsupportedFeature} from covet-sql, decided by
 * the dialect's features), is covet-sql's. Immutable. Not an API.
 *
 * @param skipLocked {@code SKIP LOCKED}
 * @param noWait     {@code NOWAIT}
 * @param self       whether {@code of} names the model's own table
 * @param of         the relation paths whose rows are locked
 */
public record RowLock(boolean skipLocked, boolean noWait, boolean self, List<Path<?, ?, ?>> of) {
    /** A plain {@code FOR UPDATE}. */
    public static final RowLock PLAIN = new RowLock(false, false, false, List.of());

    /** Checks the options and copies the list. */
    public RowLock {
        of = List.copyOf(of);
        if (skipLocked && noWait) {
            throw new OrmUsageException("selectForUpdate cannot both skip locked rows and fail on them (NOWAIT): "
                    + "choose skipLocked() or noWait()");
        }
    }

    /**
     * {@code select} with this lock.
     *
     * @throws OrmUsageException when {@code of} names a relation the query does not join
     */
    Select apply(QuerySpec<?> q, Select select) {
        Select s = select.forUpdate();
        if (self || !of.isEmpty()) {
            List<Table> tables = new ArrayList<>();
            if (self) {
                tables.add(q.type().table());
            }
            for (Path<?, ?, ?> p : of) {
                if (!q.joins().contains(p)) {
                    throw new OrmUsageException("selectForUpdate(of " + p.name() + ") names a relation the query "
                            + "does not join: add selectRelated(" + p.name() + ") or join(" + p.name() + ")");
                }
                tables.add(p.table());
            }
            s = s.lockOf(tables.toArray(Table[]::new));
        }
        if (skipLocked) {
            s = s.skipLocked();
        }
        if (noWait) {
            s = s.noWait();
        }
        return s;
    }
}
