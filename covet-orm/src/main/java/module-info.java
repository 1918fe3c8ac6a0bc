/**
 * Covet's ORM: models as annotated classes, a compile-time generated metamodel, querysets, relations and
 * instance writes.
 *
 * <p>Exported: {@code io.covet.orm} (what applications use), {@code io.covet.orm.audit} (the cross-model audit
 * trail and its hash chain) and {@code io.covet.orm.spi} (what the generated
 * {@code Foo_} classes use, documented as such). Not exported: {@code io.covet.orm.internal}, the machinery
 * (query assembly, readers, writers, prefetcher, validation).
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
    exports io.covet.orm.audit;
    // What generated metamodels call: they live in the application's module, which cannot be named here.
    exports io.covet.orm.spi;
}
