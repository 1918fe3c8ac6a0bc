package io.covet.orm;

import io.covet.core.Database;
import io.covet.core.dialect.Engine;
import io.covet.core.error.UniqueViolation;
import io.covet.sql.Assignment;
import io.covet.sql.Condition;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The bodies of the query set's write operations: bulk update, get_or_create, update_or_create. */
final class QueryWrites {
    private QueryWrites() {
    }

    static <T extends Entity> int update(QuerySet<T> q, Assignment... assignments) {
        Database d = q.database();
        if (q.joins.isEmpty() && !q.selfSubquery) {
            return Sql.update(q.type.table()).set(assignments).where(q.where).execute(d);
        }
        // Joined or self-referencing filters: read the keys first, since MariaDB refuses an UPDATE whose WHERE
        // selects from the updated table (error 1093).
        if (q.type.meta().compositePrimaryKey()) {
            return Keys.update(q, d, assignments);
        }
        return d.atomic(tx -> {
            List<Object> keys = new ArrayList<Object>(q.orderBy().valuesFlat(q.pkColumn(q.type.table())));
            int n = 0;
            for (int from = 0; from < keys.size(); from += 1000) {
                n += Sql.update(q.type.table()).set(assignments).where(Relations.in(q.pkColumn(q.type.table()),
                        keys.subList(from, Math.min(keys.size(), from + 1000)))).execute(d);
            }
            return n;
        });
    }

    static <T extends Entity> QuerySet.GetOrCreate<T> getOrCreate(QuerySet<T> q, Condition lookup,
                                                                 Supplier<T> create) {
        Database d = q.database();
        return d.atomic(tx -> {
            List<T> found = q.filter(lookup).limit(2).list();
            if (found.size() > 1) {
                throw new MultipleObjectsReturned("getOrCreate matched more than one " + q.type.meta().simpleName());
            }
            if (!found.isEmpty()) {
                return new QuerySet.GetOrCreate<>(found.get(0), false);
            }
            T created = create.get();
            try {
                // under a savepoint, so that losing a race to a concurrent insert leaves the transaction usable
                d.atomicRun(inner -> q.orm.save(created, q.orm.databaseName(q.db)));
            } catch (UniqueViolation e) {
                QuerySet<T> retry = q.filter(lookup).limit(2);
                List<T> again = (d.engine().family() == Engine.SQLITE ? retry
                        : retry.selectForUpdate()).list();
                if (again.size() == 1) {
                    return new QuerySet.GetOrCreate<>(again.get(0), false);
                }
                throw e;
            }
            return new QuerySet.GetOrCreate<>(created, true);
        });
    }

    static <T extends Entity> QuerySet.GetOrCreate<T> updateOrCreate(QuerySet<T> q, Condition lookup,
                                                                    Consumer<T> update, Supplier<T> create) {
        Database d = q.database();
        return d.atomic(tx -> {
            List<T> found = q.filter(lookup).limit(2).list();
            if (found.size() > 1) {
                throw new MultipleObjectsReturned("updateOrCreate matched more than one "
                        + q.type.meta().simpleName());
            }
            if (!found.isEmpty()) {
                T t = found.get(0);
                update.accept(t);
                q.orm.save(t, q.orm.databaseName(q.db));
                return new QuerySet.GetOrCreate<>(t, false);
            }
            T created = create.get();
            q.orm.save(created, q.orm.databaseName(q.db));
            return new QuerySet.GetOrCreate<>(created, true);
        });
    }
}
