package io.covet.migrate;

import io.covet.core.Database;

import java.nio.file.Path;
import java.util.List;

/** Runs {@code migrate} in a separate JVM for the two-process tests: args URL MIGRATIONS_DIR. */
public final class ChildMigrate {
    public static void main(String[] args) {
        try (Database db = Database.open(args[0])) {
            List<String> done = Migrator.builder(db, MigrationFiles.load(Path.of(args[1]))).build()
                    .migrate(Target.latest());
            System.out.println("APPLIED " + done.size());
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(3);
        }
    }
}
