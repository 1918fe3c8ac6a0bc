package io.covet.orm.internal;

import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Path;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.orm.spi.ReverseMeta;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Field;
import io.covet.sql.OrderField;
import io.covet.sql.Select;
import io.covet.sql.SortField;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.Collection;

/** Conditions and subqueries for relations, built with covet-sql. Not an API. */
public final class Relations {
    private Relations() {
    }

    /** A many-to-many join table: automatic, or the table of a through model. */
    record JoinTable(String table, String sourceColumn, String targetColumn) {
    }

    /** {@code a = b}. */
    @SuppressWarnings("unchecked")
    public static Condition eq(Field<?> a, Field<?> b) {
        return ((Field<Object>) a).eq((Field<Object>) b);
    }

    /** {@code a = ?}. */
    @SuppressWarnings("unchecked")
    public static Condition eq(Field<?> a, Object value) {
        return ((Field<Object>) a).eq(value);
    }

    /** {@code a IN (?, …)}. */
    @SuppressWarnings("unchecked")
    public static Condition in(Field<?> a, Collection<?> values) {
        return ((Field<Object>) a).in((Collection<Object>) values);
    }

    static Condition in(Field<?> a, Select subquery) {
        return a.in(subquery);
    }

    static OrderField reverse(OrderField f) {
        if (f instanceof SortField s) {
            return s.descending() ? s.field().asc() : s.field().desc();
        }
        return ((Field<?>) f).desc();
    }

    /**
     * {@code root.pk IN (SELECT root.pk FROM root JOIN path… WHERE condition)} for the root of the query {@code q}:
     * no repeated rows. When {@code q} reads {@code asOf} an instant, the subquery reads the root, the
     * related models and a many-to-many relation's link rows as of that instant too (each checked by {@code AsOf}).
     */
    public static Condition inSubquery(OrmRuntime orm, QuerySpec<?> q, Path<?, ?, ?> path, Condition condition) {
        ModelType<?> root = q.type();
        Column<?> pk = Joins.pk(root, root.table());
        if (q.asOf() != null) {
            for (Path<?, ?, ?> prefix : Paths.prefixes(path)) {
                AsOf.related(orm, Paths.last(prefix), "a filter or exclude");
            }
        }
        Select sub = Sql.select(pk).from(q.asOf() == null ? root.table()
                : AsOf.state(orm, q.database(), root, q.asOf()));
        sub = Joins.EMPTY.with(path, true).apply(orm, root, sub, q.asOf() == null ? null : q).where(condition);
        return pk.in(sub);
    }

    static JoinTable joinTable(OrmRuntime orm, ModelType<?> source, String relation) {
        ManyToManyMeta mm = source.meta().manyToMany().stream().filter(m -> m.name().equals(relation)).findFirst()
                .orElseThrow(() -> new OrmUsageException(source.meta().simpleName() + " has no many-to-many field '"
                        + relation + "'"));
        if (mm.automatic()) {
            return new JoinTable(mm.table(), mm.sourceColumn(), mm.targetColumn());
        }
        ModelMeta through = orm.type(mm.throughModel()).meta();
        String s = null;
        String t = null;
        String name = source.meta().name();
        // a relation a child inherits from its parent goes through a model whose key points at the parent
        boolean exact = through.fields().stream()
                .anyMatch(f -> f.foreignKey() != null && f.foreignKey().targetModel().equals(name));
        for (FieldMeta f : through.fields()) {
            if (f.foreignKey() == null) {
                continue;
            }
            String to = f.foreignKey().targetModel();
            if (s == null && (exact ? to.equals(name) : Inheritances.isOrExtends(source.meta(), to,
                    n -> orm.type(n).meta()))) {
                s = f.column();
            } else if (t == null && to.equals(mm.targetModel())) {
                t = f.column();
            }
        }
        return new JoinTable(through.table(), s, t);
    }

    /**
     * The rows of a reverse or many-to-many relation of {@code owner}, on the owner's database.
     *
     * @throws OrmUsageException when the owner's model has no such relation
     */
    @SuppressWarnings("unchecked")
    public static <T extends Entity> QuerySpec<T> query(OrmRuntime orm, Entity owner, String relation) {
        ModelType<?> type = orm.typeOf(owner);
        Object pk = Access.get().primaryKey(owner);
        for (ReverseMeta r : type.meta().reverse()) {
            if (r.name().equals(relation)) {
                ModelType<T> target = (ModelType<T>) orm.type(r.sourceModel());
                Column<?> fk = target.columns(target.table()).get(target.meta().indexOf(r.field()));
                orm.requireRegistered(target);
                return QuerySpec.all(target).withDatabase(owner.database()).and(eq(fk, pk));
            }
        }
        for (ManyToManyMeta mm : type.meta().manyToMany()) {
            if (mm.name().equals(relation)) {
                ModelType<T> target = (ModelType<T>) orm.type(mm.targetModel());
                JoinTable jt = joinTable(orm, type, relation);
                Table j = Sql.table(jt.table());
                Select sub = Sql.select(Sql.field(j, jt.targetColumn(), Object.class)).from(j)
                        .where(eq(Sql.field(j, jt.sourceColumn(), Object.class), pk));
                orm.requireRegistered(target);
                return QuerySpec.all(target).withDatabase(owner.database())
                        .and(Joins.pk(target, target.table()).in(sub));
            }
        }
        throw new OrmUsageException(type.meta().simpleName() + " has no reverse or many-to-many field '" + relation
                + "'");
    }
}
