package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.Index;
import io.covet.schema.SchemaComparison;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated columns through makemigrations and migrate: added, re-created with a new expression (drop and add;
 * a rebuild on SQLite), removed and migrated back, with no spurious changes or drift after each step.
 */
class GeneratedColumnMigrationsTest {
    private static final ColumnType BIG = EvolutionTest.BIG;
    private static final ColumnType INT = ColumnType.of(ColumnType.Kind.INTEGER);

    private static SchemaSource models(Column... extra) {
        List<Column> cols = new java.util.ArrayList<>(List.of(Column.autoIncrement("id", BIG), Column.of("qty", INT),
                Column.of("price", INT)));
        cols.addAll(List.of(extra));
        // a generated column is indexable; the index survives the column's drop and add
        List<Index> indexes = extra.length == 0 ? List.of() : List.of(Index.of("line_total_idx", List.of("total")));
        return SchemaSource.of(Map.of("shop", List.of(new Table("line", cols, List.of("id"), List.of(), List.of(),
                indexes, List.of()))));
    }

    private static Column total(String expression, boolean stored) {
        return Column.nullable("total", INT).withGenerated(new Column.Generated(expression, stored));
    }

    private static void step(Database db, Path dir, SchemaSource models, String expectedName) {
        assertThat(EvolutionTest.make(dir, models)).extracting(m -> m.key().toString()).containsExactly(expectedName);
        assertThat(EvolutionTest.make(dir, models)).isEmpty();   // nothing spurious: makemigrations --check passes
        Migrator m = Migrator.builder(db, MigrationFiles.load(dir)).build();
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(SchemaComparison.differences(models.schema(), MigratorTest.live(db), db.engine())).isEmpty();
    }

    private static List<Integer> totals(Database db) {
        return db.sql("SELECT total FROM line ORDER BY id").list(rs -> rs.getInt(1));
    }

    @AllEngines
    void addAlterAndRemoveAGeneratedColumnAndMigrateBack(Scratch s, @TempDir Path dir) {
        Database db = s.db();
        step(db, dir, models(), "shop.0001_initial");
        db.sql("INSERT INTO line (qty, price) VALUES (2, 5), (3, 7)").execute();

        step(db, dir, models(total("qty * price", true)), "shop.0002_line_total_and_more");
        assertThat(totals(db)).containsExactly(10, 21);

        step(db, dir, models(total("qty * price + 1", true)), "shop.0003_alter_line_total");
        assertThat(totals(db)).containsExactly(11, 22);
        db.sql("INSERT INTO line (qty, price) VALUES (1, 1)").execute();
        assertThat(totals(db)).containsExactly(11, 22, 2);

        if (s.engine().family() != Engine.POSTGRESQL) {
            step(db, dir, models(total("qty * price + 1", false)), "shop.0004_alter_line_total");
            assertThat(totals(db)).containsExactly(11, 22, 2);
        }

        Migrator m = Migrator.builder(db, MigrationFiles.load(dir)).build();
        m.migrate(Target.of("shop", "0002_line_total_and_more"));
        assertThat(SchemaComparison.differences(models(total("qty * price", true)).schema(), MigratorTest.live(db),
                db.engine())).isEmpty();
        assertThat(totals(db)).containsExactly(10, 21, 1);

        m.migrate(Target.of("shop", "0001_initial"));
        assertThat(SchemaComparison.differences(models().schema(), MigratorTest.live(db), db.engine())).isEmpty();
        assertThat(db.sql("SELECT qty * price FROM line ORDER BY id").list(rs -> rs.getInt(1)))
                .containsExactly(10, 21, 1);
    }
}
