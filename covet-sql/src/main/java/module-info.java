/**
 * Covet's typed SQL builder: tables, columns, expressions and statements that render themselves for each
 * engine. Each node holds its own dialect differences; everything else asks {@code Features}.
 *
 * <p>Exported: {@code io.covet.sql} (its implementation classes are package-private).
 */
module io.covet.sql {
    requires transitive io.covet.core;

    exports io.covet.sql;
}
