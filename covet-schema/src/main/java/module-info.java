/**
 * Covet's schema model: read a live schema, compare two, and render DDL per engine.
 *
 * <p>Exported: {@code io.covet.schema}. Not exported: {@code io.covet.schema.internal}, the per-dialect DDL
 * renderers and catalog readers — the second home of dialect differences, reached only through the API.
 */
module io.covet.schema {
    requires transitive io.covet.core;

    exports io.covet.schema;
}
