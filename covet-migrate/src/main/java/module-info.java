/**
 * Covet's migrations: operations as values, the autodetector that diffs models against migration history, the
 * executor with its lock and history table, squashing, linting and {@code inspectdb}.
 *
 * <p>Exported: {@code io.covet.migrate}. Not exported: {@code io.covet.migrate.internal} (JSON codecs, the
 * migration lock).
 *
 * <p>Models named by package ({@code covet.project.models}) or a {@code --source} class are loaded by name
 * through the class loader; in a modular application their packages must be exported (or opened) to this
 * module.
 */
module io.covet.migrate {
    requires transitive io.covet.core;
    requires transitive io.covet.schema;
    requires transitive io.covet.orm;
    requires com.fasterxml.jackson.databind;
    // MigrationHealth plugs into covet-observe's health checks when it is present
    requires static io.covet.observe;

    exports io.covet.migrate;
}
