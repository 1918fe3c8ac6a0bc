package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Assignment;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Field;
import io.covet.sql.Functions;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Primary keys in queries, where a composite key differs from a single one: the key's columns, the refusal of
 * operations that take one key value, and the counts and updates that must tell rows apart by every key column.
 * Not an API.
 */
public final class Keys {
    private static final int ROWS_PER_STATEMENT = 100;

    private Keys() {
    }

    /** The primary-key columns of {@code type} in {@code t}, in key order. */
    public static List<Column<?>> columns(ModelType<?> type, Table t) {
        List<Column<?>> cols = type.columns(t);
        List<Column<?>> out = new ArrayList<>();
        for (int i : type.meta().primaryKeyIndexes()) {
            out.add(cols.get(i));
        }
        return out;
    }

    /**
     * The primary-key column in {@code t}; for a composite key its first column, which is enough to test that a
     * row exists but not to tell rows apart (use {@link #columns}).
     */
    public static Column<?> column(ModelType<?> type, Table t) {
        int pk = type.meta().primaryKeyIndex();
        return type.columns(t).get(pk >= 0 ? pk : type.meta().primaryKeyIndexes()[0]);
    }

    /** The primary key's field names, comma-separated, for messages: {@code playlist, track}. */
    public static String names(ModelMeta m) {
        return String.join(", ", m.primaryKeyFields().stream().map(FieldMeta::name).toList());
    }

    /**
     * Refuses an operation that takes one key value on a model with a composite key.
     *
     * @throws OrmUsageException naming the key's fields and what to use instead
     */
    public static void requireSingle(ModelMeta m, String operation, String instead) {
        if (m.primaryKeyFields().isEmpty()) {
            throw new OrmUsageException(operation + " needs a primary key, but " + m.simpleName() + " (table "
                    + m.table() + ") has none: use filter(...) with a condition on its fields");
        }
        if (m.compositePrimaryKey()) {
            throw new OrmUsageException(operation + " needs a single primary-key value, but " + m.simpleName()
                    + " has a composite primary key (" + names(m) + "): use " + instead);
        }
    }

    /**
     * Refuses a write to a read-only model ({@code @Model(readOnly = true)}), and a write to a {@code @History}
     * model without a user while {@code Audit.requireAttribution} is on, before anything is sent; a null type (not
     * registered) passes, for the caller's own error.
     *
     * @throws OrmUsageException naming the model and the operation
     */
    public static void requireWritable(io.covet.orm.spi.ModelType<?> type, String operation) {
        if (type != null && type.meta().readOnly()) {
            throw new OrmUsageException(operation + " is refused: " + type.meta().simpleName() + " (table "
                    + type.meta().table() + ") is read-only (@Model(readOnly = true)); write its table with SQL, or "
                    + "give the table a primary key and drop readOnly");
        }
        if (type != null && SystemTimeReads.versioned(type.meta()) && io.covet.orm.Audit.attributionRequired()) {
            // the engine records no user: a required attribution could never be kept
            throw SystemTimeReads.noAttribution(type.meta(), operation + " with attribution required "
                    + "(Audit.requireAttribution)");
        }
        if (type instanceof io.covet.orm.spi.RecordType<?> && AppHistory.captured(type)) {
            throw new OrmUsageException(operation + " of " + type.meta().simpleName() + " is refused: it is a record "
                    + "model, whose writes do not record history yet under @History(capture = APPLICATION); use "
                    + "capture = TRIGGERS, or a model class extending Entity. Nothing was written.");
        }
        if (type != null && type.meta().history() != null && io.covet.orm.Audit.attributionRequired()
                && !io.covet.orm.Audit.attributed()) {
            throw new OrmUsageException(operation + " of " + type.meta().simpleName() + " is refused: attribution is "
                    + "required (Audit.requireAttribution) and no user is set for this write; run it inside "
                    + "Audit.as(db, user, reason, ...) or Audit.run(db, ...) with a current-user supplier. Nothing "
                    + "was written.");
        }
    }

    /** A distinct or sliced count over a composite key: the inner select carries every key column. */
    static long count(OrmRuntime orm, QuerySpec<?> q) {
        return Sql.select(Functions.count())
                .from(QuerySql.select(orm, q, columns(q.type(), q.type().table()), true).asTable("counted"))
                .statement(orm.database(q.database())).list(rs -> rs.getLong(1)).get(0);
    }

    /**
     * A joined or self-referencing update of a model with a composite key: reads the matching keys first (MariaDB
     * refuses an UPDATE whose WHERE selects from the updated table), then updates by them.
     */
    static <T extends Entity> int update(OrmRuntime orm, QuerySpec<T> q, Database d, Assignment... assignments) {
        List<Column<?>> key = columns(q.type(), q.type().table());
        return d.atomic(tx -> {
            List<List<Object>> rows = QueryReads.valuesList(orm, q.withOrder(List.of()), List.<Field<?>>copyOf(key));
            int n = 0;
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Condition> match = new ArrayList<>();
                for (List<Object> row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))) {
                    Condition c = Sql.noCondition();
                    for (int k = 0; k < key.size(); k++) {
                        c = c.and(Relations.eq(key.get(k), row.get(k)));
                    }
                    match.add(c);
                }
                n += Sql.update(q.type().table()).set(assignments).where(Sql.or(match.toArray(Condition[]::new)))
                        .execute(d);
            }
            return n;
        });
    }
}
