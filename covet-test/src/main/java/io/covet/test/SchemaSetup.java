package io.covet.test;

import io.covet.core.Database;
import io.covet.orm.Orm;

/**
 * Creates the schema of a {@link CovetTest} database: {@link CreateTables} by default; implement it to apply
 * your migrations instead (a public no-argument constructor is required):
 *
 * <pre>{@code
 * public final class Migrated implements SchemaSetup {
 *     public void create(Database db, Orm orm) {
 *         Migrator.builder(db, MigrationFiles.load(Path.of("src/main/resources/db/migrations"))).build()
 *                 .migrate(Target.latest());
 *     }
 * }
 * }</pre>
 */
public interface SchemaSetup {
    /** Creates the schema on an empty database. */
    void create(Database db, Orm orm);

    /** The models' tables as {@link Orm#createTables()} makes them. */
    final class CreateTables implements SchemaSetup {
        /** For {@link CovetTest#schema()}. */
        public CreateTables() {
        }

        @Override
        public void create(Database db, Orm orm) {
            orm.createTables();
        }
    }
}
