/**
 * Covet's ORM: models as annotated classes, a compile-time generated metamodel, querysets, relations and
 * instance writes.
 *
 * <p>Exported: {@code io.covet.orm}. Not exported: {@code io.covet.orm.internal}.
 */
module io.covet.orm {
    requires transitive io.covet.core;
    requires transitive io.covet.sql;
    requires transitive io.covet.schema;
    requires transitive com.fasterxml.jackson.databind;
    // Generated metamodel classes carry @javax.annotation.processing.Generated (source retention): every module
    // that reads this one can compile them without naming java.compiler itself; nothing needs it at run time.
    requires static transitive java.compiler;

    exports io.covet.orm;
    // Generated metamodels (in the user's module) still call Jdbc/Values here; this export goes when they
    // move to the documented SPI package io.covet.orm.spi (branch ormlayers).
    exports io.covet.orm.internal;
}
