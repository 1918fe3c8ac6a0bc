package io.covet.orm.internal;

import io.covet.orm.Path;
import io.covet.sql.Table;

import java.util.function.Function;

/**
 * One step of a {@link Path}. Not an API.
 *
 * @param kind        forward, reverse or many-to-many
 * @param sourceModel the class name of the model the step starts at
 * @param name        the relation's field name on the source
 * @param targetModel the class name of the model the step ends at
 * @param remoteField for a reverse step, the target's foreign key to the source; else null
 * @param aliaser     the target's metamodel table under an alias
 */
public record PathStep(Path.Kind kind, String sourceModel, String name, String targetModel, String remoteField,
                       Function<String, ? extends Table> aliaser) {
}
