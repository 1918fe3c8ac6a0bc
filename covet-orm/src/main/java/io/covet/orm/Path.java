package io.covet.orm;

import io.covet.orm.internal.PathStep;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A relation from model {@code S} to model {@code T}, one step or several ({@link #then}), as generated in the
 * metamodel ({@code Order_.CUSTOMER}, {@code Product_.TAGS}). Used for lookups across relations
 * ({@code orders.filter(Order_.CUSTOMER, c -> c.country.eq("NO"))}), {@code selectRelated},
 * {@code prefetchRelated} and joined annotations. Immutable.
 *
 * @param <S> the model the path starts at
 * @param <T> the model it ends at
 * @param <R> the metamodel table type of {@code T}
 */
public final class Path<S extends Entity, T extends Entity, R extends Table> {
    /** The kind of one step. */
    public enum Kind {
        /** A foreign key or one-to-one field of the source. */
        FORWARD,
        /** A foreign key of the target pointing at the source (one-to-many). */
        REVERSE,
        /** A many-to-many relation. */
        MANY_TO_MANY
    }

    static {
        // the internals read the steps through it (see AccessImpl)
        AccessImpl.install();
    }

    private final List<PathStep> steps;
    private volatile R table;

    Path(List<PathStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A foreign-key or one-to-one step. */
    static <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> forward(
            String sourceModel, String field, String targetModel, Function<String, R> aliaser) {
        return new Path<>(List.of(step(Kind.FORWARD, sourceModel, field, targetModel, null, aliaser)));
    }

    /** A reverse step over {@code remoteField}, the target's foreign key to the source. */
    static <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> reverse(
            String sourceModel, String name, String targetModel, String remoteField, Function<String, R> aliaser) {
        return new Path<>(List.of(step(Kind.REVERSE, sourceModel, name, targetModel, remoteField, aliaser)));
    }

    /** A many-to-many step. */
    static <S extends Entity, T extends Entity, R extends Table> Path<S, T, R> manyToMany(
            String sourceModel, String name, String targetModel, Function<String, R> aliaser) {
        return new Path<>(List.of(step(Kind.MANY_TO_MANY, sourceModel, name, targetModel, null, aliaser)));
    }

    /** One step of {@code kind}: the internals keep their own kind, so they never name this class. */
    private static PathStep step(Kind kind, String sourceModel, String name, String targetModel, String remoteField,
                                 Function<String, ? extends Table> aliaser) {
        PathStep.Kind k = switch (kind) {
            case FORWARD -> PathStep.Kind.FORWARD;
            case REVERSE -> PathStep.Kind.REVERSE;
            case MANY_TO_MANY -> PathStep.Kind.MANY_TO_MANY;
        };
        return new PathStep(k, sourceModel, name, targetModel, remoteField, aliaser);
    }

    /** This path followed by {@code next}, which must start where this one ends. */
    public <U extends Entity, R2 extends Table> Path<S, U, R2> then(Path<T, U, R2> next) {
        List<PathStep> all = new ArrayList<>(steps);
        all.addAll(next.steps);
        return new Path<>(all);
    }

    /** The target's metamodel table under this path's alias: its columns qualify as the joined table. */
    @SuppressWarnings("unchecked")
    public R table() {
        R t = table;
        if (t == null) {
            // Created on first use, not in the metamodel's static initialiser: metamodels point at each other,
            // and touching another one there could deadlock two threads initialising them at once.
            t = (R) steps.get(steps.size() - 1).aliaser().apply(alias());
            table = t;
        }
        return t;
    }

    /** The alias the target gets in queries: {@code r_} and the step names joined by {@code __}. */
    public String alias() {
        StringBuilder sb = new StringBuilder("r");
        for (PathStep s : steps) {
            sb.append('_').append(s.name());
        }
        return sb.toString();
    }

    /** The dotted names of the steps, e.g. {@code customer.default_address}. */
    public String name() {
        StringBuilder sb = new StringBuilder();
        for (PathStep s : steps) {
            sb.append(sb.length() == 0 ? "" : ".").append(s.name());
        }
        return sb.toString();
    }

    List<PathStep> steps() {
        return steps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path<?, ?, ?> p && p.name().equals(name()) && p.steps.get(0).sourceModel()
                .equals(steps.get(0).sourceModel());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name(), steps.get(0).sourceModel());
    }

    @Override
    public String toString() {
        return name();
    }
}
