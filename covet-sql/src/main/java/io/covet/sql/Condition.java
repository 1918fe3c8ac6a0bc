package io.covet.sql;

import java.util.Objects;

/**
 * A boolean SQL expression for WHERE, HAVING, ON, CASE and filters. Immutable: {@link #and}, {@link #or} and
 * {@link #not} return new conditions. Build dynamically from {@link Sql#noCondition()}, which disappears when
 * combined with another condition.
 */
public sealed interface Condition permits CondNode {

    /** {@code this AND other}. */
    default Condition and(Condition other) {
        return Logic.of(Logic.Op.AND, this, Objects.requireNonNull(other, "other"));
    }

    /** {@code this OR other}. */
    default Condition or(Condition other) {
        return Logic.of(Logic.Op.OR, this, Objects.requireNonNull(other, "other"));
    }

    /** {@code NOT (this)}. */
    default Condition not() {
        return this instanceof Not n ? n.condition() : new Not(this);
    }
}
