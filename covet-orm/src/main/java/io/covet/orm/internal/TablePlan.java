package io.covet.orm.internal;

import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How one table of a query is read when some of its fields are deferred: the fields selected (in field order, the
 * key always among them) read one by one through the generated {@code readField}, and the deferred ones left as
 * a new instance holds them, reference fields cleared. One plan per table per query; stateless per row. Not an API.
 */
final class TablePlan {
    private static final Set<String> PRIMITIVES = Set.of("int", "long", "short", "byte", "double", "float",
            "boolean", "char");

    private final ModelType<Entity> type;
    private final int[] loaded;
    /** Deferred reference fields a new instance sets (an initialiser): cleared on every row. */
    private final int[] clear;
    /** Deferred primitive fields, and the value a new instance gives each (their snapshot: unchanged). */
    private final int[] primitives;
    private final Object[] primitiveValues;
    private final DeferredState state;
    private final Access access = Access.get();

    TablePlan(ModelType<Entity> type, boolean[] load) {
        this.type = type;
        List<Integer> in = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < load.length; i++) {
            (load[i] ? in : out).add(i);
        }
        this.loaded = in.stream().mapToInt(Integer::intValue).toArray();
        int[] deferred = out.stream().mapToInt(Integer::intValue).toArray();
        this.state = new DeferredState(type, deferred);
        // what the no-argument constructor leaves in each deferred field, asked once per query
        Entity sample = type.newInstance();
        List<Integer> cl = new ArrayList<>();
        List<Integer> pr = new ArrayList<>();
        for (int d : deferred) {
            if (PRIMITIVES.contains(type.meta().fields().get(d).javaType())) {
                pr.add(d);
            } else if (type.get(sample, d) != null) {
                cl.add(d);
            }
        }
        this.clear = cl.stream().mapToInt(Integer::intValue).toArray();
        this.primitives = pr.stream().mapToInt(Integer::intValue).toArray();
        this.primitiveValues = new Object[primitives.length];
        for (int k = 0; k < primitives.length; k++) {
            primitiveValues[k] = type.get(sample, primitives[k]);
        }
    }

    /** The selected subset of {@code all}, the table's columns in field order. */
    List<Column<?>> columns(List<Column<?>> all) {
        List<Column<?>> out = new ArrayList<>(loaded.length);
        for (int i : loaded) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Reads an instance from columns {@code from}, {@code from + 1}, … (the selected fields). */
    Entity read(ResultSet rs, int from, Engine engine, Object[] snapshot) throws SQLException {
        Entity o = type.newInstance();
        for (int k = 0; k < loaded.length; k++) {
            type.readField(rs, from + k, engine, o, loaded[k], snapshot);
        }
        for (int d : clear) {
            type.set(o, d, null);
        }
        for (int k = 0; k < primitives.length; k++) {
            snapshot[primitives[k]] = primitiveValues[k];
        }
        return o;
    }

    /** Marks an instance read by {@link #read} (after it is attached) with its deferred fields. */
    void mark(Entity o) {
        access.deferred(o, state);
    }
}
