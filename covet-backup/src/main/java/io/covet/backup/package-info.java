/**
 * Backup and recovery: consistent, zstd-compressed, AES-256-GCM-encrypted logical backups of PostgreSQL, MariaDB
 * and SQLite into a local or S3 repository; verification, restore (also across engines) and retention.
 * Start at {@link io.covet.backup.Backups}.
 */
package io.covet.backup;
