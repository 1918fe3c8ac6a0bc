package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.schema.SystemVersioning;
import io.covet.sql.Condition;
import io.covet.sql.Select;
import io.covet.sql.SelectItem;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The past of a model kept by MariaDB system versioning ({@code @History(capture = SYSTEM_VERSIONING)}): the state
 * at an instant is the model's own table read {@code FOR SYSTEM_TIME AS OF} it, and a row's versions are its rows
 * {@code FOR SYSTEM_TIME ALL}. There is no user, reason or changeset: the engine records none.
 */
public final class SystemTimeReads {
    /** {@code row_end} of a current version, as {@code UNIX_TIMESTAMP} returns it (TIMESTAMP's maximum). */
    private static final BigDecimal OPEN = new BigDecimal("2147483647.999999");
    private static final String START = "covet_row_start";
    private static final String END = "covet_row_end";

    private SystemTimeReads() {
    }

    /** Whether {@code m} is kept by system versioning. */
    public static boolean versioned(ModelMeta m) {
        return m.history() != null && m.history().capture() == History.Capture.SYSTEM_VERSIONING;
    }

    /**
     * The error for what system versioning cannot answer (who changed a row, attribution), naming the alternative.
     */
    public static UnsupportedFeature noAttribution(ModelMeta m, String what) {
        return new UnsupportedFeature(Engine.MARIADB, what + " on " + m.simpleName() + " (@History(capture = "
                + "SYSTEM_VERSIONING))", "System versioning records when each version began and ended but not who "
                + "made it or why: use @History with the default capture (TRIGGERS), whose history table records "
                + "the user and reason of Audit.as.");
    }

    /** The rows of {@code m} as of {@code t}: its table {@code FOR SYSTEM_TIME AS OF t}, every field. */
    static Select stateAt(Database d, ModelMeta m, Instant t) {
        requireBegun(d, m, t);
        Table live = Sql.table(m.table());
        Table at = live.forSystemTimeAsOf(t);
        List<SelectItem> items = new ArrayList<>();
        for (FieldMeta f : m.fields()) {
            items.add(Sql.field(at, f.column(), Object.class).as(f.column()));
        }
        return Sql.select(items.toArray(SelectItem[]::new)).from(at);
    }

    /**
     * Refuses {@code t} before the first version the table holds (the versioning, or the table, began later): the
     * state then is unknown. Reads the smallest {@code row_start} over all versions (a scan of the table: MariaDB
     * keeps no index on it).
     */
    private static void requireBegun(Database d, ModelMeta m, Instant t) {
        String q = "SELECT UNIX_TIMESTAMP(MIN(" + d.dialect().quote(SystemVersioning.ROW_START) + ")) AS f FROM "
                + d.dialect().quote(m.table()) + " FOR SYSTEM_TIME ALL";
        BigDecimal first = d.sql(q).list().get(0).getBigDecimal("f");
        if (first == null || instant(first).isAfter(t)) {
            throw new OrmUsageException("asOf(" + t + ") on " + m.simpleName() + " is before its history began "
                    + "(the first version in the system-versioned table " + m.table() + " starts after it); the "
                    + "state before the versioning began is unknown");
        }
    }

    /**
     * The versions of {@code instance}'s row, oldest first: one per row version the engine kept ({@code +} for the
     * first after a gap, {@code ~} otherwise) and, where a version ended without a next one beginning at that
     * moment, a {@code -} version (the row as deleted) from the deletion until it was inserted again, or open.
     */
    static <T extends Entity> List<Version<T>> versions(OrmRuntime orm, T instance) {
        ModelType<T> type = orm.typeOf(instance);
        ModelMeta m = type.meta();
        Table all = Sql.table(m.table()).forSystemTimeAll();
        Condition key = Sql.noCondition();
        for (int i : m.primaryKeyIndexes()) {
            Object v = type.get(instance, i);
            if (v == null) {
                throw new OrmUsageException("history(" + m.simpleName() + "): the instance has no primary key yet; "
                        + "save it first");
            }
            key = key.and(Sql.field(all, m.fields().get(i).column(), Object.class).eq(v));
        }
        List<SelectItem> inner = new ArrayList<>();
        for (FieldMeta f : m.fields()) {
            inner.add(Sql.field(all, f.column(), Object.class).as(f.column()));
        }
        inner.add(Sql.raw("UNIX_TIMESTAMP(?)", Sql.field(all, SystemVersioning.ROW_START, Object.class)).as(START));
        inner.add(Sql.raw("UNIX_TIMESTAMP(?)", Sql.field(all, SystemVersioning.ROW_END, Object.class)).as(END));
        Table d = Sql.select(inner.toArray(SelectItem[]::new)).from(all).where(key).asTable(m.table());
        Database db = orm.database(null);
        EntityMapper<T> mapper = EntityMapper.of(orm, QuerySpec.all(type), db.engine());
        List<SelectItem> items = new ArrayList<>(mapper.items());
        items.add(Sql.field(d, START, Object.class));
        items.add(Sql.field(d, END, Object.class));
        record Row<T>(T state, Map<String, Object> fields, BigDecimal start, BigDecimal end) {
        }
        List<Row<T>> rows = Sql.select(items.toArray(SelectItem[]::new)).from(d)
                .orderBy(Sql.field(d, START, Object.class).asc()).statement(db)
                .list(rs -> {
                    T state = mapper.map(rs);
                    return new Row<>(state, fields(m, type, state, rs), rs.getBigDecimal(START),
                            rs.getBigDecimal(END));
                });
        List<Version<T>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row<T> r = rows.get(i);
            Row<T> next = i + 1 < rows.size() ? rows.get(i + 1) : null;
            boolean afterGap = i == 0 || rows.get(i - 1).end().compareTo(r.start()) != 0;
            boolean open = r.end().compareTo(OPEN) >= 0;
            out.add(new Version<>(r.state(), instant(r.start()), open ? null : instant(r.end()),
                    afterGap ? "+" : "~", null, null, null, r.fields()));
            if (!open && (next == null || next.start().compareTo(r.end()) != 0)) {
                out.add(new Version<>(r.state(), instant(r.end()), next == null ? null : instant(next.start()), "-",
                        null, null, null, r.fields()));
            }
        }
        return out;
    }

    private static <T extends Entity> Map<String, Object> fields(ModelMeta m, ModelType<T> type, T state,
                                                                 ResultSet rs) throws SQLException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < m.fields().size(); i++) {
            FieldMeta f = m.fields().get(i);
            fields.put(f.name(), rs.getObject(f.column()) == null ? null : type.get(state, i));
        }
        return fields;
    }

    private static Instant instant(BigDecimal epochSeconds) {
        BigDecimal[] parts = epochSeconds.divideAndRemainder(BigDecimal.ONE);
        return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].movePointRight(9).longValue());
    }
}
