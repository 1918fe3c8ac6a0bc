package io.covet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmarks' throwaway SQLite databases. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    /** Deletes the database file {@code file} with its WAL and shared-memory files, whichever exist. */
    static void delete(Path file) throws IOException {
        for (String suffix : new String[]{"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
