package io.covet.core.replica;

/** What a database server is in its replication topology, as the server itself reports it. */
public enum NodeRole {
    /** Not replaying anyone's changes: PostgreSQL out of recovery, MariaDB without a replication source. */
    PRIMARY,
    /** Replaying a primary's changes: a PostgreSQL standby in recovery, a MariaDB server with a configured source. */
    REPLICA
}
