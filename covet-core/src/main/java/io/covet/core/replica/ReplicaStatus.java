package io.covet.core.replica;

import java.time.Duration;
import java.util.Optional;

/**
 * One replica as the database sees it now.
 *
 * @param name        where it is ({@code host:port}; never credentials)
 * @param up          false after a failure (refused connection, lost server, wrong role) until a background
 *                    re-check finds it a healthy replica again
 * @param inRotation  false while its lag is over its maximum; it returns once under half of it
 * @param lag         the last measured lag (an upper bound on how stale its data is); empty before the first
 *                    measurement or when the engine cannot tell
 * @param reads       reads it has served since the database opened
 * @param outstanding reads running on it now
 * @param reason      why it is down or out of rotation; empty when it serves reads
 */
public record ReplicaStatus(String name, boolean up, boolean inRotation, Optional<Duration> lag, long reads,
                            int outstanding, Optional<String> reason) {

    /** Whether it serves reads now: up and in rotation. */
    public boolean serving() {
        return up && inRotation;
    }
}
