package io.covet.migrate;

import io.covet.core.Database;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's migrations as a test grows them version by version: {@code makemigrations} against the models (each
 * migration written to its file form and read back, as the CLI would), a migrator over them, and the check that
 * nothing is left to do.
 */
final class MigrationSteps {
    final List<Migration> migrations = new ArrayList<>();

    /** The one migration the autodetector makes for {@code models}, added to the project. */
    Migration makemigrations(SchemaSource models) {
        List<Migration> made = Autodetector.migrations(graph(), models, Questioner.nonInteractive(true));
        assertThat(made).hasSize(1);
        Migration m = MigrationFiles.parse(MigrationFiles.toJson(made.get(0)), made.get(0).name());
        migrations.add(m);
        return m;
    }

    MigrationGraph graph() {
        return new MigrationGraph(migrations, Set.of());
    }

    Migrator migrator(Database db) {
        return Migrator.builder(db, migrations).build();
    }

    /** The database matches the migrations, and makemigrations finds nothing to do for {@code models}. */
    void clean(Database db, SchemaSource models) {
        assertThat(Drift.differences(db, migrator(db))).isEmpty();
        assertThat(Autodetector.migrations(graph(), models, Questioner.nonInteractive(true))).isEmpty();
    }

    /** {@link #clean}, and the database also matches the models themselves (no table only migrations make). */
    void cleanAgainstModels(Database db, SchemaSource models) {
        clean(db, models);
        assertThat(Drift.differences(db, models, Migrator.DEFAULT_HISTORY_TABLE)).isEmpty();
    }
}
