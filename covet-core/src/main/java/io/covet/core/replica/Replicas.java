package io.covet.core.replica;

import java.util.List;

/**
 * The live state of a database's replicas ({@code Database.replicas()}): each replica's health, rotation and lag,
 * and how reads were routed. Thread-safe; the figures move as the database works.
 */
public interface Replicas {
    /** Each replica, in configuration order. */
    List<ReplicaStatus> status();

    /** Whether some replica does not serve reads now (down or lagging): {@code db.health()} is DEGRADED then. */
    default boolean degraded() {
        return status().stream().anyMatch(s -> !s.serving());
    }

    /** Reads that could have gone to a replica but ran on the primary because no replica could serve them. */
    long primaryFallbacks();

    /** Read-your-writes reads whose replica had not replayed the session's commit in time, so read the primary. */
    long readYourWritesFallbacks();

    /**
     * Times a replica was found in the wrong role since the database opened: a standby promoted to primary, or a
     * replica whose {@code read_only} was turned off (by the periodic role check, or when a replica came back). Each
     * took the replica out of the rotation until its role was right again.
     */
    long roleFailures();

    /** The configuration. */
    ReplicaConfig config();
}
