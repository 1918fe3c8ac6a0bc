package io.covet.backup;

import io.covet.backup.internal.LocalStorage;
import io.covet.backup.internal.Storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where backups are kept: a local directory, or S3-compatible object storage ({@code s3://bucket/prefix}).
 * Objects are written once and never overwritten; a backup is visible only when its manifest is stored last.
 */
public final class BackupRepository implements AutoCloseable {
    private final Storage storage;

    private BackupRepository(Storage storage) {
        this.storage = storage;
    }

    /**
     * Opens a repository: a directory path (created if absent) or {@code s3://bucket/prefix}.
     *
     * @throws BackupException (INVALID or STORAGE) when the location cannot be used
     */
    public static BackupRepository open(String location) {
        if (location == null || location.isBlank()) {
            throw new BackupException(BackupException.Reason.INVALID,
                    "no repository given: pass --repo DIR or --repo s3://bucket/prefix");
        }
        if (location.startsWith("s3://")) {
            return new BackupRepository(io.covet.backup.internal.S3Storage.fromEnvironment(location));
        }
        try {
            return new BackupRepository(new LocalStorage(Path.of(location)));
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.STORAGE, "cannot use " + location
                    + " as a backup repository: " + e + "; check that it is a writable directory");
        }
    }

    /** A repository on a storage implementation (S3 with explicit settings, tests). */
    static BackupRepository on(Storage storage) {
        return new BackupRepository(storage);
    }

    Storage storage() {
        return storage;
    }

    /** Where the repository is, for messages. */
    public String location() {
        return storage.describe();
    }

    @Override
    public void close() {
        storage.close();
    }

    @Override
    public String toString() {
        return "BackupRepository[" + location() + "]";
    }
}
