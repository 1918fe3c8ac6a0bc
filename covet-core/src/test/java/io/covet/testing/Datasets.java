package io.covet.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the third-party sample databases ({@code shared/datasets}, beside the repository's root in a checkout
 * and in CI). {@code -Dcovet.datasets=DIR} or {@code COVET_DATASETS} point elsewhere.
 */
public final class Datasets {
    private Datasets() {
    }

    /** The Chinook directory ({@code Chinook_PostgreSql.sql}, {@code Chinook_MySql.sql}, {@code Chinook_Sqlite.sqlite} …). */
    public static Path chinook() {
        return root().resolve("chinook");
    }

    /** The datasets directory. */
    public static Path root() {
        String configured = System.getProperty("covet.datasets", System.getenv("COVET_DATASETS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate.resolve("chinook"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find shared/datasets above " + Path.of("").toAbsolutePath()
                + "; set -Dcovet.datasets=DIR or COVET_DATASETS");
    }
}
