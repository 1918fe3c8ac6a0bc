package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.HistoryMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Select;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a {@code @History} model as they were at an instant: a subquery over its history table, under the
 * model table's name so that every filter and ordering of the query applies unchanged. A version is visible at
 * {@code t} when {@code valid_from <= t} and it had not ended ({@code valid_to} null or after {@code t}) and it is
 * not a deletion. Excluded fields read as SQL NULL.
 */
public final class AsOf {
    private AsOf() {
    }

    private static HistoryMeta history(ModelMeta m) {
        HistoryMeta h = m.history();
        if (h == null) {
            throw new OrmUsageException(m.simpleName() + " has no @History, so there is no state of the past to read; "
                    + "annotate the model with @History and migrate (history starts then)");
        }
        return h;
    }

    /** The versions of the row with {@code instance}'s primary key, oldest first. */
    public static <T extends Entity> List<Version<T>> versions(OrmRuntime orm, T instance) {
        ModelType<T> type = orm.typeOf(instance);
        ModelMeta m = type.meta();
        HistoryMeta h = history(m);
        Table ht = Sql.table(h.table());
        Condition key = Sql.noCondition();
        for (int i : m.primaryKeyIndexes()) {
            Object v = type.get(instance, i);
            if (v == null) {
                throw new OrmUsageException("history(" + m.simpleName() + "): the instance has no primary key yet; "
                        + "save it first");
            }
            key = key.and(Sql.field(ht, m.fields().get(i).column(), Object.class).eq(v));
        }
        List<SelectItem> inner = columns(m, h, ht);
        for (String b : HistoryTable.BOOKKEEPING) {
            inner.add(Sql.field(ht, b, Object.class).as(b));
        }
        Table d = Sql.select(inner.toArray(SelectItem[]::new)).from(ht).where(key).asTable(m.table());
        QuerySpec<T> q = QuerySpec.all(type);
        Database db = orm.database(null);
        EntityMapper<T> mapper = EntityMapper.of(orm, q, db.engine());
        List<SelectItem> items = new ArrayList<>(mapper.items());
        for (String b : HistoryTable.BOOKKEEPING) {
            items.add(Sql.field(d, b, Object.class));
        }
        return Sql.select(items.toArray(SelectItem[]::new)).from(d)
                .orderBy(Sql.field(d, HistoryTable.HISTORY_ID, Object.class).asc()).statement(db)
                .list(rs -> {
                    T state = mapper.map(rs);
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (int i = 0; i < m.fields().size(); i++) {
                        FieldMeta f = m.fields().get(i);
                        if (!h.excluded().contains(f.name())) {
                            // NULL in the history stays null (a primitive field would read it as its default)
                            fields.put(f.name(), rs.getObject(f.column()) == null ? null : type.get(state, i));
                        }
                    }
                    return new Version<>(state, instant(rs.getString(HistoryTable.VALID_FROM)),
                            instant(rs.getString(HistoryTable.VALID_TO)), rs.getString(HistoryTable.CHANGE_TYPE),
                            rs.getString(HistoryTable.CHANGED_BY), rs.getString(HistoryTable.CHANGE_REASON),
                            rs.getString(HistoryTable.TXID), fields);
                });
    }

    private static Instant instant(String text) {
        return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static List<SelectItem> columns(ModelMeta m, HistoryMeta h, Table ht) {
        List<SelectItem> items = new ArrayList<>();
        for (FieldMeta f : m.fields()) {
            items.add(h.excluded().contains(f.name()) ? Sql.raw("NULL").as(f.column())
                    : Sql.field(ht, f.column(), Object.class).as(f.column()));
        }
        return items;
    }

    static Table table(OrmRuntime orm, QuerySpec<?> q) {
        ModelMeta m = q.type().meta();
        HistoryMeta h = history(m);
        if (!q.joins().equals(Joins.EMPTY) || !q.related().isEmpty() || !q.prefetch().isEmpty()) {
            throw new OrmUsageException("asOf reads one model's history: filters on its own fields, ordering, "
                    + "slicing and counting; joins, selectRelated and prefetchRelated are not supported yet");
        }
        Database d = orm.database(q.database());
        HistoryTriggers engine = HistoryTriggers.of(d.dialect());
        Object t = engine.timeValue(q.asOf());
        Table ht = Sql.table(h.table());
        Column<Object> from = Sql.field(ht, HistoryTable.VALID_FROM, Object.class);
        String vf = d.dialect().quote(HistoryTable.VALID_FROM);
        // the first recorded version (lowest history_id, read through the primary key): a scan for any version
        // before t would wade through the dead row versions the triggers' valid_to updates leave on PostgreSQL
        List<io.covet.core.Row> first = d.sql("SELECT " + vf + " AS f FROM " + d.dialect().quote(h.table())
                + " ORDER BY " + d.dialect().quote(HistoryTable.HISTORY_ID) + " LIMIT 1").list();
        boolean began = !first.isEmpty() && !instant(first.get(0).getString("f")).isAfter(q.asOf());
        if (!began) {
            throw new OrmUsageException("asOf(" + q.asOf() + ") on " + m.simpleName() + " is before its history "
                    + "began (the first version in " + h.table() + " starts after it); the state before the history "
                    + "was recorded is unknown");
        }
        List<SelectItem> items = columns(m, h, ht);
        Column<Object> to = Sql.field(ht, HistoryTable.VALID_TO, Object.class);
        Condition visible = from.le(t).and(to.isNull().or(to.gt(t)))
                .and(Sql.field(ht, HistoryTable.CHANGE_TYPE, String.class).ne("-"));
        Select inner = Sql.select(items.toArray(SelectItem[]::new)).from(ht).where(visible);
        return inner.asTable(m.table());
    }
}
