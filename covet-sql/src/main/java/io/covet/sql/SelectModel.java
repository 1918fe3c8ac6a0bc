package io.covet.sql;

import java.util.List;

/**
 * The tree of one SELECT, a record so that its equality (the render-cache key) covers every part. Rendering is in
 * {@link SelectRenderer}; {@link Select} is the public, immutable builder around it. The {@code with…}
 * methods return copies with one component replaced.
 */
record SelectModel(
        WithClause with,
        boolean distinct,
        List<Field<?>> distinctOn,
        List<SelectItem> items,
        List<Table> from,
        List<Join> joins,
        Condition where,
        List<Field<?>> groupBy,
        Condition having,
        List<WindowSpec> windows,
        List<SortField> orderBy,
        Field<Long> limit,
        Field<Long> offset,
        List<Field<?>> seek,
        Lock lock,
        Compound compound) implements Node {

    static final SelectModel EMPTY = new SelectModel(null, false, List.of(), List.of(), List.of(), List.of(),
            NoCondition.INSTANCE, List.of(), NoCondition.INSTANCE, List.of(), List.of(), null, null, List.of(), null,
            null);

    @Override
    public void render(Ctx ctx) {
        SelectRenderer.render(this, ctx);
    }

    /** Whether ORDER BY, LIMIT, OFFSET or a lock make this a query that needs parentheses as a set operand. */
    boolean hasTail() {
        return !orderBy.isEmpty() || limit != null || offset != null || lock != null;
    }

    SelectModel withWith(WithClause v) {
        return new SelectModel(v, distinct, distinctOn, items, from, joins, where, groupBy, having, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withDistinct(boolean v) {
        return new SelectModel(with, v, distinctOn, items, from, joins, where, groupBy, having, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withDistinctOn(List<Field<?>> v) {
        return new SelectModel(with, distinct, v, items, from, joins, where, groupBy, having, windows, orderBy, limit,
                offset, seek, lock, compound);
    }

    SelectModel withItems(List<SelectItem> v) {
        return new SelectModel(with, distinct, distinctOn, v, from, joins, where, groupBy, having, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withFrom(List<Table> v) {
        return new SelectModel(with, distinct, distinctOn, items, v, joins, where, groupBy, having, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withJoins(List<Join> v) {
        return new SelectModel(with, distinct, distinctOn, items, from, v, where, groupBy, having, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withWhere(Condition v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, v, groupBy, having, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withGroupBy(List<Field<?>> v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, v, having, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withHaving(Condition v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, v, windows, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withWindows(List<WindowSpec> v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, having, v, orderBy,
                limit, offset, seek, lock, compound);
    }

    SelectModel withOrderBy(List<SortField> v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, having, windows, v,
                limit, offset, seek, lock, compound);
    }

    SelectModel withLimit(Field<Long> v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, having, windows,
                orderBy, v, offset, seek, lock, compound);
    }

    SelectModel withOffset(Field<Long> v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, having, windows,
                orderBy, limit, v, seek, lock, compound);
    }

    SelectModel withSeek(List<Field<?>> v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, having, windows,
                orderBy, limit, offset, v, lock, compound);
    }

    SelectModel withLock(Lock v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, having, windows,
                orderBy, limit, offset, seek, v, compound);
    }

    SelectModel withCompound(Compound v) {
        return new SelectModel(with, distinct, distinctOn, items, from, joins, where, groupBy, having, windows,
                orderBy, limit, offset, seek, lock, v);
    }
}
