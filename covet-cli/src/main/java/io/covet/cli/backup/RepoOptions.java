package io.covet.cli.backup;

import io.covet.backup.BackupKey;
import io.covet.backup.BackupRepository;
import picocli.CommandLine.Option;

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

    /** Opens the repository. */
    BackupRepository open() {
        return BackupRepository.open(repo);
    }

    /** The key from --key-file, else COVET_BACKUP_KEY, else null. */
    BackupKey key() {
        return keyFile != null ? BackupKey.fromFile(keyFile) : BackupKey.fromEnvironment();
    }
}
