package io.covet.cli.backup;

import io.covet.backup.BackupException;
import io.covet.backup.BackupKey;
import io.covet.backup.BackupRepository;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --repo} and {@code --key-file}, shared by the backup commands. */
public final class RepoOptions {
    @Option(names = "--repo", required = true, paramLabel = "DIR|s3://bucket/prefix",
            description = "Backup repository: a directory, or S3 (endpoint from COVET_S3_ENDPOINT, credentials "
                    + "from the AWS environment).")
    String repo;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "AES-256 key (64 hex digits or Base64 of 32 bytes). Default: $COVET_BACKUP_KEY; none "
                    + "means the backup is not encrypted.")
    Path keyFile;

    /**
     * Opens an existing repository, for commands that only read it: a local directory that does not exist is
     * refused (exit 2) instead of being created empty.
     */
    BackupRepository open() {
        if (repo != null && !repo.startsWith("s3://") && !repo.isBlank() && !Files.isDirectory(Path.of(repo))) {
            throw new BackupException(BackupException.Reason.INVALID, "no backup repository at " + repo + " ("
                    + Path.of(repo).toAbsolutePath().normalize() + " " + (Files.exists(Path.of(repo))
                    ? "is not a directory" : "does not exist") + "); check --repo. Nothing was created.");
        }
        return BackupRepository.open(repo);
    }

    /** Opens the repository for writing; a local directory that does not exist is created. */
    BackupRepository openOrCreate() {
        return BackupRepository.open(repo);
    }

    /** The key from --key-file, else COVET_BACKUP_KEY, else null. */
    BackupKey key() {
        return keyFile != null ? BackupKey.fromFile(keyFile) : BackupKey.fromEnvironment();
    }
}
