package io.covet.orm.internal;

import io.covet.sql.Table;

import java.util.function.Function;

/**
 * One step of an {@code io.covet.orm.Path}. Not an API.
 *
 * @param kind        forward, reverse or many-to-many
 * @param sourceModel the class name of the model the step starts at
 * @param name        the relation's field name on the source
 * @param targetModel the class name of the model the step ends at
 * @param remoteField for a reverse step, the target's foreign key to the source; else null
 * @param aliaser     the target's metamodel table under an alias
 */
public record PathStep(Kind kind, String sourceModel, String name, String targetModel, String remoteField,
                       Function<String, ? extends Table> aliaser) {
    /**
     * The kind of a step, as the internals branch on it; {@code Path} maps its public {@code Path.Kind} to it
     * (the two have the same constants, one for one), so this package never names the API's enum.
     */
    public enum Kind {
        /** A foreign key or one-to-one field of the source. */
        FORWARD,
        /** A foreign key of the target pointing at the source (one-to-many). */
        REVERSE,
        /** A many-to-many relation. */
        MANY_TO_MANY
    }
}
