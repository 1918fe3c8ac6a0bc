package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.core.error.UniqueViolation;
import io.covet.orm.Entity;
import io.covet.orm.MultipleObjectsReturned;
import io.covet.sql.Assignment;
import io.covet.sql.Condition;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The writes of a query: bulk update, delete, get_or_create, update_or_create. Not an API. */
public final class QueryWrites {
    private QueryWrites() {
    }

    /**
     * The instance that {@link #getOrCreate} or {@link #updateOrCreate} found or created.
     *
     * @param instance the instance
     * @param created  whether it was created
     * @param <T>      the model
     */
    public record Outcome<T>(T instance, boolean created) {
    }

    /** Updates every matching row; returns the number of rows changed. */
    public static <T extends Entity> int update(OrmRuntime orm, QuerySpec<T> q, Assignment... assignments) {
        return AppHistory.owned(() -> updateOwned(orm, q, assignments));
    }

    private static <T extends Entity> int updateOwned(OrmRuntime orm, QuerySpec<T> q, Assignment... assignments) {
        Database d = orm.database(q.database());
        if (q.type().meta().multiTable()) {
            return MultiTableWrites.update(orm, q, assignments);
        }
        if (AppHistory.captured(q.type())) {
            return AppHistory.update(orm, q, d, assignments);
        }
        if (q.joins().isEmpty() && !q.selfSubquery()) {
            return Sql.update(q.type().table()).set(assignments).where(SoftDeletes.where(orm, q)).execute(d);
        }
        // Joined or self-referencing filters: read the keys first, since MariaDB refuses an UPDATE whose WHERE
        // selects from the updated table (error 1093).
        if (q.type().meta().compositePrimaryKey()) {
            return Keys.update(orm, q, d, assignments);
        }
        io.covet.sql.Column<?> pk = Keys.column(q.type(), q.type().table());
        return d.atomic(tx -> {
            List<Object> keys = new ArrayList<Object>(QueryReads.valuesFlat(orm, q.withOrder(List.of()), pk));
            int n = 0;
            for (int from = 0; from < keys.size(); from += 1000) {
                n += Sql.update(q.type().table()).set(assignments).where(Relations.in(pk,
                        keys.subList(from, Math.min(keys.size(), from + 1000)))).execute(d);
            }
            return n;
        });
    }

    /** Deletes every matching row with on_delete rules and signals, in one transaction. */
    public static <T extends Entity> int delete(OrmRuntime orm, QuerySpec<T> q) {
        Database d = orm.database(q.database());
        return d.atomic(tx -> {
            // locked where the engine can, so that no other writer changes them between this read and the delete
            QuerySpec<T> read = AppHistory.captured(q.type()) && d.supports(Feature.ROW_LOCKS) ? q.withForUpdate(true) : q;
            List<T> rows = QueryReads.list(orm, read);
            return rows.isEmpty() ? 0 : orm.writer().delete(new ArrayList<>(rows), orm.databaseName(q.database()));
        });
    }

    /** The instance matching {@code lookup}, or a new one from {@code create}, saved, in one transaction. */
    public static <T extends Entity> Outcome<T> getOrCreate(OrmRuntime orm, QuerySpec<T> q, Condition lookup,
                                                            Supplier<T> create) {
        Database d = orm.database(q.database());
        String dbName = orm.databaseName(q.database());
        return d.atomic(tx -> {
            List<T> found = QueryReads.list(orm, q.and(lookup).withLimit(2));
            if (found.size() > 1) {
                throw new MultipleObjectsReturned("getOrCreate matched more than one "
                        + q.type().meta().simpleName());
            }
            if (!found.isEmpty()) {
                return new Outcome<>(found.get(0), false);
            }
            T created = create.get();
            try {
                // under a savepoint, so that losing a race to a concurrent insert leaves the transaction usable
                d.atomicRun(inner -> orm.save(created, dbName));
            } catch (UniqueViolation e) {
                QuerySpec<T> retry = q.and(lookup).withLimit(2);
                List<T> again = QueryReads.list(orm, d.supports(Feature.ROW_LOCKS) ? retry.withForUpdate(true)
                        : retry);
                if (again.size() == 1) {
                    return new Outcome<>(again.get(0), false);
                }
                throw e;
            }
            return new Outcome<>(created, true);
        });
    }

    /** The instance matching {@code lookup} updated and saved, or a new one from {@code create}. */
    public static <T extends Entity> Outcome<T> updateOrCreate(OrmRuntime orm, QuerySpec<T> q, Condition lookup,
                                                               Consumer<T> update, Supplier<T> create) {
        Database d = orm.database(q.database());
        String dbName = orm.databaseName(q.database());
        return d.atomic(tx -> {
            List<T> found = QueryReads.list(orm, q.and(lookup).withLimit(2));
            if (found.size() > 1) {
                throw new MultipleObjectsReturned("updateOrCreate matched more than one "
                        + q.type().meta().simpleName());
            }
            if (!found.isEmpty()) {
                T t = found.get(0);
                update.accept(t);
                orm.save(t, dbName);
                return new Outcome<>(t, false);
            }
            T created = create.get();
            orm.save(created, dbName);
            return new Outcome<>(created, true);
        });
    }
}
