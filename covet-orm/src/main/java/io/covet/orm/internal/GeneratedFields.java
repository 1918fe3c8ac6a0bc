package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.orm.spi.Jdbc;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Query;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Update;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields the database computes ({@code @Generated}): never written, read back after an update. (After an
 * insert they are read with the insert's RETURNING, like other database-assigned values.) Not an API.
 */
final class GeneratedFields {
    private GeneratedFields() {
    }

    /** Whether field {@code i} of {@code m} is computed by the database. */
    static boolean generated(ModelMeta m, int i) {
        return m.fields().get(i).generated() != null;
    }

    /** The indexes of the generated fields of {@code m}, in field order. */
    static List<Integer> indexes(ModelMeta m) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < m.fields().size(); i++) {
            if (generated(m, i)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Runs {@code update} and sets the generated fields of {@code e} (and {@code now}, its column values) to what
     * the database computed: with {@code UPDATE … RETURNING} where the engine has it, else with a SELECT by key
     * in the same transaction. Returns the number of rows updated.
     */
    static <T> int updateAndReadBack(ModelType<T> type, T e, Update update, Database db, Object[] now,
                                     List<Integer> generated) {
        List<Column<?>> cols = type.columns(type.table());
        SelectItem[] items = generated.stream().map(cols::get).toArray(SelectItem[]::new);
        List<Object[]> rows;
        if (db.supports(Feature.UPDATE_RETURNING)) {
            rows = read(update.returning(items), cols, generated, db);
        } else {
            int n = update.execute(db);
            if (n != 1) {
                return n;
            }
            rows = read(Sql.select(items).from(type.table()).where(Writer.keyCondition(type, now)), cols, generated, db);
        }
        if (rows.size() != 1) {
            return rows.size();
        }
        Object[] got = rows.get(0);
        for (int k = 0; k < got.length; k++) {
            type.set(e, generated.get(k), got[k]);
            now[generated.get(k)] = got[k];
        }
        return 1;
    }

    private static List<Object[]> read(Query q, List<Column<?>> cols, List<Integer> generated, Database db) {
        return q.statement(db).list(rs -> {
            Object[] out = new Object[generated.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = Jdbc.read(rs, k + 1, cols.get(generated.get(k)).type(), db.engine());
            }
            return out;
        });
    }
}
