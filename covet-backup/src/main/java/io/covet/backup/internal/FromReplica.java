package io.covet.backup.internal;

import io.covet.backup.BackupException;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.replica.ReplicaStatus;
import io.covet.core.replica.Replicas;

import java.util.ArrayList;
import java.util.List;

/**
 * The replica a backup reads when asked to ({@code BackupOptions.fromReplica}): PostgreSQL only, the first replica
 * of the database that serves reads, opened as a database of its own for the backup's duration. A hot standby runs
 * the backup's {@code REPEATABLE READ, READ ONLY} transaction (and exports its snapshot to pg_dump and parallel
 * workers) like a primary, so the backup is as consistent as one taken on the primary, as of the standby's replay
 * position. Not an API.
 */
public final class FromReplica {
    private FromReplica() {
    }

    /**
     * Opens the replica of {@code db} to back up; the caller closes it.
     *
     * @param connections how many connections the backup needs (its jobs, plus one)
     * @throws UnsupportedFeature on MariaDB and SQLite
     * @throws BackupException    (INVALID) when the database has no replica, or none serves reads now
     */
    public static Database open(Database db, int connections) {
        Engine engine = db.engine();
        if (engine.family() == Engine.SQLITE) {
            throw new UnsupportedFeature(engine, "a backup from a replica",
                    "SQLite has no replicas: back up the database itself (leave --from-replica out); its backup "
                            + "does not block writers in WAL mode.");
        }
        if (engine.family() != Engine.POSTGRESQL) {
            throw new UnsupportedFeature(engine, "a backup from a replica",
                    "Covet takes replica backups only where the replica's snapshot is known consistent (PostgreSQL "
                            + "hot standbys); back up the primary (leave --from-replica out), where START TRANSACTION "
                            + "WITH CONSISTENT SNAPSHOT does not block writers.");
        }
        String name = db.config().name();
        Replicas replicas = db.replicas().orElseThrow(() -> new BackupException(BackupException.Reason.INVALID,
                "database '" + name + "' has no replicas to back up from: configure covet.databases." + name
                        + ".replicas (covet.properties or COVET_DATABASES_" + name.toUpperCase(java.util.Locale.ROOT)
                        + "_REPLICAS; a --database URL alone has none), or back up the primary (leave --from-replica "
                        + "out); nothing was written"));
        List<ReplicaStatus> status = replicas.status();
        List<String> why = new ArrayList<>();
        for (int i = 0; i < status.size(); i++) {
            ReplicaStatus s = status.get(i);
            if (!s.serving()) {
                why.add(s.name() + ": " + s.reason().orElse("not serving"));
                continue;
            }
            DatabaseUrl url = DatabaseUrl.parse(replicas.config().nodes().get(i).url());
            DatabaseUrl primary = db.config().url().orElseThrow();
            if (url.user().isEmpty() && primary.user().isPresent()) {
                url = url.withCredentials(primary.user().get(), primary.password().orElse(null));
            }
            return Database.open(DatabaseConfig.builder(name + "_backup_replica").url(url)
                    .maxPoolSize(Math.max(2, connections)).build());
        }
        throw new BackupException(BackupException.Reason.INVALID, "no replica of database '" + name
                + "' serves reads now (" + String.join("; ", why) + "): back up the primary (leave --from-replica "
                + "out), or retry once a replica is back; nothing was written");
    }
}
