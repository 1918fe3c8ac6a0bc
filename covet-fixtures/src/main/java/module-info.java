/**
 * Covet fixtures: {@link io.covet.fixtures.Fixtures} dumps the rows of ORM models to JSON or YAML and loads such
 * files back in one transaction, in referential order, reporting every rejected record by file and position.
 */
module io.covet.fixtures {
    requires transitive io.covet.orm;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;

    exports io.covet.fixtures;
}
