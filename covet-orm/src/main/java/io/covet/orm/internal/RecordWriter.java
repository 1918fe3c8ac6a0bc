package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.Jdbc;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.RecordType;
import io.covet.sql.Assignment;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Insert;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Saves and deletes record models. A record carries no state, so a save writes every column: an insert when its
 * auto key is null, else an update by key that becomes an insert when no row has that key. No signals or hooks
 * (both take {@code Entity} instances). Not an API.
 */
public final class RecordWriter {
    private RecordWriter() {
    }

    /** Saves a record; returns it, or a new one with generated values after an insert that produced them. */
    public static <R extends Record> R save(OrmRuntime orm, RecordType<R> type, R record, String dbName) {
        if (orm.validateOnSave()) {
            Validation.fullClean(type, record);
        }
        ModelMeta m = type.meta();
        int[] keys = m.primaryKeyIndexes();
        Object[] values = new Object[m.fields().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = type.get(record, i);
        }
        boolean autoKey = keys.length == 1 && m.fields().get(keys[0]).type().auto();
        if (!autoKey) {
            for (int k : keys) {
                if (values[k] == null) {
                    throw new OrmUsageException(m.simpleName() + "." + m.fields().get(k).name() + " is part of the "
                            + "primary key and null: set it before saving. Nothing was written.");
                }
            }
        }
        Database db = orm.database(dbName);
        return db.atomic(tx -> {
            if (autoKey && values[keys[0]] == null) {
                return insert(type, record, values, db);
            }
            List<Column<?>> cols = type.columns(type.table());
            List<Assignment> sets = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                if (!m.fields().get(i).primaryKey()) {
                    sets.add(Writer.assign(cols.get(i), Values.toColumn(m.fields().get(i).type(), values[i])));
                }
            }
            Condition byKey = Sql.noCondition();
            for (int k : keys) {
                byKey = byKey.and(Relations.eq(cols.get(k), Values.toColumn(m.fields().get(k).type(), values[k])));
            }
            // A key-only record has nothing to update: whether its row exists decides alone.
            boolean found = sets.isEmpty()
                    ? !Sql.select(cols.get(keys[0])).from(type.table()).where(byKey).statement(db)
                    .list(rs -> Boolean.TRUE).isEmpty()
                    : Sql.update(type.table()).set(sets.toArray(Assignment[]::new)).where(byKey).execute(db) > 0;
            return found ? record : insert(type, record, values, db);
        });
    }

    /** Inserts the values; columns that are null with a generated key or database default come back from it. */
    private static <R extends Record> R insert(RecordType<R> type, R record, Object[] values, Database db) {
        ModelMeta m = type.meta();
        List<Column<?>> cols = type.columns(type.table());
        List<Column<?>> insertCols = new ArrayList<>();
        List<Object> bound = new ArrayList<>();
        List<Integer> returned = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            FieldMeta f = m.fields().get(i);
            if (values[i] == null && (f.type().auto() || f.dbDefault() != null)) {
                returned.add(i);
            } else {
                insertCols.add(cols.get(i));
                bound.add(Values.toColumn(f.type(), values[i]));
            }
        }
        Insert ins = insertCols.isEmpty() ? Sql.insertInto(type.table()).defaultValues()
                : Sql.insertInto(type.table()).columns(insertCols.toArray(Column<?>[]::new)).values(bound.toArray());
        if (returned.isEmpty()) {
            ins.execute(db);
            return record;
        }
        Object[] got = ins.returning(returned.stream().map(cols::get).toArray(SelectItem[]::new)).statement(db)
                .list(rs -> {
                    Object[] out = new Object[returned.size()];
                    for (int k = 0; k < out.length; k++) {
                        out[k] = Jdbc.read(rs, k + 1, cols.get(returned.get(k)).type(), db.engine());
                    }
                    return out;
                }).get(0);
        Object[] now = values.clone();
        for (int k = 0; k < got.length; k++) {
            now[returned.get(k)] = got[k];
        }
        return type.create(now);
    }

    /** Deletes a record's row by its key; returns the number of rows deleted. */
    public static <R extends Record> int delete(OrmRuntime orm, RecordType<R> type, R record, String dbName) {
        ModelMeta m = type.meta();
        List<Column<?>> cols = type.columns(type.table());
        Condition byKey = Sql.noCondition();
        for (int k : m.primaryKeyIndexes()) {
            Object v = type.get(record, k);
            if (v == null) {
                throw new OrmUsageException(record + " cannot be deleted: its primary-key field "
                        + m.fields().get(k).name() + " is null (never saved?)");
            }
            byKey = byKey.and(Relations.eq(cols.get(k), Values.toColumn(m.fields().get(k).type(), v)));
        }
        return Sql.deleteFrom(type.table()).where(byKey).execute(orm.database(dbName));
    }
}
