package io.covet.bench;

import io.covet.core.Database;
import io.covet.migrate.Autodetector;
import io.covet.migrate.Migration;
import io.covet.migrate.MigrationGraph;
import io.covet.migrate.Migrator;
import io.covet.migrate.ProjectState;
import io.covet.migrate.Questioner;
import io.covet.migrate.SchemaSource;
import io.covet.migrate.Target;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code migrate-1000} workload: generate {@code models} model schemas (columns of several types, a foreign
 * key to an earlier model, an index and a unique constraint each), time the autodetector from an empty state,
 * then time applying the generated migration to a fresh SQLite file. A wall-clock measurement of one run, not
 * a JMH benchmark: both steps are one-shot operations measured in hundreds of milliseconds.
 */
public final class MigrateWorkload {
    private MigrateWorkload() {
    }

    /** Runs the workload and returns one result line (plus a note on a problem, if any). */
    public static List<String> run(int models) {
        SchemaSource target = SchemaSource.of(Map.of("bench", tables(models)));
        // One warm-up pass so that class loading is not counted as autodetection.
        Autodetector.operations(ProjectState.empty(), SchemaSource.of(Map.of("bench", tables(10))),
                Questioner.nonInteractive(false));
        long t0 = System.nanoTime();
        List<Migration> made = Autodetector.migrations(new MigrationGraph(List.of(), Set.of()), target,
                Questioner.nonInteractive(false));
        long autodetectMs = (System.nanoTime() - t0) / 1_000_000;
        Migration m = made.get(0);
        Path dir;
        try {
            dir = Files.createTempDirectory("covet-migrate-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dir.resolve("bench.db");
        long applyMs;
        int tables;
        try (Database db = Database.open("sqlite:" + file)) {
            long t1 = System.nanoTime();
            Migrator.builder(db, List.of(m)).build().migrate(Target.latest());
            applyMs = (System.nanoTime() - t1) / 1_000_000;
            tables = db.sql("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'model_%'")
                    .list(rs -> rs.getInt(1)).get(0);
        } finally {
            for (String suffix : List.of("", "-wal", "-shm", "-journal", ".migrate-lock")) {
                try {
                    Files.deleteIfExists(Path.of(file + suffix));
                } catch (IOException ignored) {
                    // best effort cleanup of a temp directory
                }
            }
            dir.toFile().delete();
        }
        List<String> out = new ArrayList<>();
        out.add("MIGRATE autodetect_ms=" + autodetectMs + " apply_ms=" + applyMs + " models=" + models
                + " operations=" + m.operations().size());
        if (tables != models) {
            out.add("MIGRATE problem: expected " + models + " tables, found " + tables);
        }
        return out;
    }

    static List<Table> tables(int models) {
        ColumnType big = ColumnType.of(ColumnType.Kind.BIGINT);
        List<Table> out = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            String name = String.format("model_%04d", i);
            List<Column> cols = new ArrayList<>(List.of(Column.autoIncrement("id", big),
                    Column.of("name", ColumnType.varchar(100)),
                    Column.of("price", ColumnType.decimal(10, 2)).withDefault(ColumnDefault.value("0")),
                    Column.of("active", ColumnType.of(ColumnType.Kind.BOOLEAN)).withDefault(ColumnDefault.value("true")),
                    Column.of("created", ColumnType.of(ColumnType.Kind.TIMESTAMP))
                            .withDefault(ColumnDefault.expression("CURRENT_TIMESTAMP")),
                    Column.nullable("notes", ColumnType.of(ColumnType.Kind.TEXT))));
            List<ForeignKey> fks = new ArrayList<>();
            if (i > 0) {
                cols.add(Column.nullable("parent_id", big));
                fks.add(new ForeignKey(name + "_parent_id_fk", List.of("parent_id"), String.format("model_%04d", i / 2),
                        List.of("id"), OnDelete.SET_NULL));
            }
            out.add(new Table(name, cols, List.of("id"),
                    List.of(new UniqueConstraint(name + "_name_uniq", List.of("name"))), List.of(),
                    List.of(Index.of(name + "_created_idx", List.of("created"))), fks));
        }
        return out;
    }

    /** Runs the full-size workload: {@code java … MigrateWorkload [models]}. */
    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 1000).forEach(System.out::println);
    }
}
