package io.covet.orm.internal;

import io.covet.sql.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Which fields a query loads ({@code QuerySet.only}/{@code defer}/{@code deferNone}), as given: columns of the
 * model's table and of its {@code selectRelated} paths' tables. {@link DeferralPlan} resolves it per table when the
 * query runs. Immutable. Not an API.
 *
 * @param only       per table named here, the columns loaded besides the primary key (the last {@code only} wins);
 *                   null when {@code only} was not called
 * @param deferred   columns left out (every {@code defer} adds to them)
 * @param noDefaults whether the models' {@code @Column(deferred = true)} fields load like any other
 */
public record Loading(List<Column<?>> only, List<Column<?>> deferred, boolean noDefaults) {
    /** Every field but the models' {@code @Column(deferred = true)} ones. */
    public static final Loading DEFAULT = new Loading(null, List.of(), false);

    /** Copies the lists. */
    public Loading {
        only = only == null ? null : List.copyOf(only);
        deferred = List.copyOf(deferred);
    }

    /** With {@code columns} as the only ones loaded of their tables (replacing an earlier {@code only}). */
    public Loading withOnly(List<Column<?>> columns) {
        return new Loading(columns, deferred, noDefaults);
    }

    /** With {@code columns} left out too. */
    public Loading plusDeferred(List<Column<?>> columns) {
        List<Column<?>> all = new ArrayList<>(deferred);
        for (Column<?> c : columns) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return new Loading(only, all, noDefaults);
    }

    /** Every field of every table, {@code @Column(deferred = true)} ones included ({@code deferNone}). */
    public static Loading everything() {
        return new Loading(null, List.of(), true);
    }
}
