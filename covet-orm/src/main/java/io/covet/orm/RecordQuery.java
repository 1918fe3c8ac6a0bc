package io.covet.orm;

import io.covet.core.Database;
import io.covet.core.RowMapper;
import io.covet.orm.internal.Keys;
import io.covet.orm.internal.Relations;
import io.covet.orm.spi.RecordType;
import io.covet.sql.Assignment;
import io.covet.sql.Condition;
import io.covet.sql.Functions;
import io.covet.sql.OrderField;
import io.covet.sql.Select;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A lazy, immutable, chainable query over a record model ({@code orm.records(Point_.TYPE)}): the query-set subset
 * that fits values without identity. Conditions, ordering and slicing work as on {@link QuerySet}; there are no
 * relations to join or prefetch (record models hold plain fields only), and reads build each record through its
 * canonical constructor in generated code. Nothing runs until a terminal method.
 *
 * @param <R> the record model
 */
public final class RecordQuery<R extends Record> {
    private final Orm orm;
    private final RecordType<R> type;
    private final String db;
    private final Condition where;
    private final List<OrderField> order;
    private final long limit;
    private final long offset;

    private RecordQuery(Orm orm, RecordType<R> type, String db, Condition where, List<OrderField> order, long limit,
                        long offset) {
        this.orm = orm;
        this.type = type;
        this.db = db;
        this.where = where;
        this.order = order;
        this.limit = limit;
        this.offset = offset;
    }

    static <R extends Record> RecordQuery<R> all(Orm orm, RecordType<R> type) {
        return new RecordQuery<>(orm, type, null, Sql.noCondition(), null, -1, 0);
    }

    /** Rows matching the condition (ANDed with earlier filters). */
    public RecordQuery<R> filter(Condition condition) {
        return new RecordQuery<>(orm, type, db, where.and(condition), order, limit, offset);
    }

    /** Rows not matching the condition. Beware SQL NULL logic: a NULL column matches neither. */
    public RecordQuery<R> exclude(Condition condition) {
        return filter(condition.not());
    }

    /** Replaces the ordering; without it the model's default ordering applies. */
    public RecordQuery<R> orderBy(OrderField... fields) {
        return new RecordQuery<>(orm, type, db, where, List.of(fields), limit, offset);
    }

    /** At most {@code n} rows. */
    public RecordQuery<R> limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + n);
        }
        return new RecordQuery<>(orm, type, db, where, order, n, offset);
    }

    /** Skips {@code n} rows. */
    public RecordQuery<R> offset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + n);
        }
        return new RecordQuery<>(orm, type, db, where, order, limit, n);
    }

    /** Runs on the named database. */
    public RecordQuery<R> using(String database) {
        return new RecordQuery<>(orm, type, database, where, order, limit, offset);
    }

    /** Runs the query and returns the records. */
    public List<R> list() {
        Database d = orm.database(db);
        return select().statement(d).list(mapper(d));
    }

    /** Streams the records; the stream holds a connection until closed (use try-with-resources). */
    public Stream<R> stream() {
        Database d = orm.database(db);
        return select().statement(d).stream(mapper(d));
    }

    /**
     * The only record matching the query.
     *
     * @throws DoesNotExist            when none matches
     * @throws MultipleObjectsReturned when more than one matches
     */
    public R get() {
        List<R> found = (order == null ? orderBy() : this).limit(2).list();
        if (found.isEmpty()) {
            throw new DoesNotExist(type.meta().simpleName() + " matching query does not exist (table "
                    + type.meta().table() + ")");
        }
        if (found.size() > 1) {
            throw new MultipleObjectsReturned("get() returned more than one " + type.meta().simpleName()
                    + " (table " + type.meta().table() + "): add conditions or use first()");
        }
        return found.get(0);
    }

    /** The only record matching the condition; see {@link #get()}. */
    public R get(Condition condition) {
        return filter(condition).get();
    }

    /**
     * The record with this primary key; see {@link #get()}.
     *
     * @throws OrmUsageException for a composite primary key: use {@link #get(Condition)}
     */
    public R get(Object primaryKey) {
        Keys.requireSingle(type.meta(), "get(primaryKey)", "get(Condition) with a condition on each key field");
        return get(Relations.eq(type.columns(type.table()).get(type.meta().primaryKeyIndex()), primaryKey));
    }

    /** The first record in the ordering (by primary key when unordered), if any. */
    public Optional<R> first() {
        RecordQuery<R> q = order == null && type.meta().ordering().isEmpty() ? orderBy(keyOrder()) : this;
        List<R> l = q.limit(1).list();
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Whether any row matches. */
    public boolean exists() {
        return !limit(1).list().isEmpty();
    }

    /** The number of matching rows. */
    public long count() {
        Database d = orm.database(db);
        Select s = limit >= 0 || offset > 0
                ? Sql.select(Functions.count()).from(select().asTable("counted"))
                : Sql.select(Functions.count()).from(type.table()).where(where);
        return s.statement(d).list(rs -> rs.getLong(1)).get(0);
    }

    /**
     * Updates every matching row in one statement (ordering and slicing do not apply).
     *
     * @return the number of rows changed
     */
    public int update(Assignment... assignments) {
        Keys.requireWritable(type, "update");
        return Sql.update(type.table()).set(assignments).where(where).execute(orm.database(db));
    }

    /**
     * Deletes every matching row in one statement (ordering and slicing do not apply). No relation points at a
     * record model, so there is nothing to cascade.
     *
     * @return the number of rows deleted
     */
    public int delete() {
        Keys.requireWritable(type, "delete");
        return Sql.deleteFrom(type.table()).where(where).execute(orm.database(db));
    }

    private OrderField[] keyOrder() {
        return Keys.columns(type, type.table()).toArray(OrderField[]::new);
    }

    private List<OrderField> effectiveOrder() {
        if (order != null) {
            return order;
        }
        List<OrderField> o = new ArrayList<>();
        for (String name : type.meta().ordering()) {
            boolean desc = name.startsWith("-");
            io.covet.sql.Column<?> c = type.columns(type.table()).get(type.meta().indexOf(desc ? name.substring(1)
                    : name));
            o.add(desc ? c.desc() : c.asc());
        }
        return o;
    }

    private Select select() {
        Select s = Sql.select(type.columns(type.table()).toArray(io.covet.sql.SelectItem[]::new))
                .from(type.table()).where(where);
        List<OrderField> o = effectiveOrder();
        if (!o.isEmpty()) {
            s = s.orderBy(o.toArray(OrderField[]::new));
        }
        if (limit >= 0) {
            s = s.limit(limit);
        }
        if (offset > 0) {
            s = s.limit(limit >= 0 ? limit : Long.MAX_VALUE / 2).offset(offset);
        }
        return s;
    }

    private RowMapper<R> mapper(Database d) {
        int width = type.meta().fields().size();
        io.covet.core.engine.Engine engine = d.engine();
        return rs -> type.read(rs, 1, engine, new Object[width]);
    }
}
