/**
 * Covet's backups: logical, compressed (zstd) and encrypted (AES-256-GCM) backups to a directory or S3,
 * verification, restore across engines, retention, schedules and PostgreSQL point-in-time recovery.
 *
 * <p>Exported: {@code io.covet.backup}. {@code io.covet.backup.internal} (codecs, storage, the manifest, the
 * loader) is exported to the CLI alone, for its {@code Cleanup}.
 */
module io.covet.backup {
    requires transitive io.covet.core;
    requires io.covet.schema;

    requires com.fasterxml.jackson.databind;
    requires com.github.luben.zstd_jni;
    requires org.postgresql.jdbc;
    requires org.mariadb.jdbc;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.regions;

    // Jackson reads and writes the manifests (records, some package-private) by reflection.
    opens io.covet.backup to com.fasterxml.jackson.databind;
    opens io.covet.backup.internal to com.fasterxml.jackson.databind;

    exports io.covet.backup;
    // The CLI removes a new SQLite restore target on failure or Ctrl-C with the same shutdown-safe Cleanup the
    // library uses for its own files; it is not API, so only the CLI sees it.
    exports io.covet.backup.internal to io.covet.cli;
}
