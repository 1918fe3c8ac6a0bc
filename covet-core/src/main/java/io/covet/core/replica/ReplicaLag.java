package io.covet.core.replica;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a replica is behind its primary at one moment, measured by {@link Replication#lag}.
 *
 * <p>{@code caughtUp} compares positions, not clocks: a replica that has replayed everything the primary had
 * written when it was asked is caught up, with a {@code delay} of zero, however long ago the primary's last
 * commit was (an idle primary does not make its replicas look late). Each engine fills the measures it has:
 * PostgreSQL the WAL distance in bytes, MariaDB the number of transactions (GTID sequence numbers) not yet
 * applied.
 *
 * @param caughtUp           whether the replica has replayed everything the primary had written
 * @param applying           whether the replica is applying changes now (false while replay is paused or the
 *                           MariaDB SQL thread is stopped)
 * @param bytesBehind        PostgreSQL: WAL bytes between the primary's insert position and the replica's replay
 *                           position; empty on MariaDB
 * @param transactionsBehind MariaDB: transactions the primary has logged that the replica has not applied, summed
 *                           over GTID domains; empty on PostgreSQL
 * @param delay              zero when caught up; otherwise PostgreSQL: the time since the last transaction the
 *                           standby replayed was committed (an upper bound when the primary was idle before the
 *                           pending change), MariaDB: {@code Seconds_Behind_Master}; empty when the engine cannot
 *                           tell (MariaDB while its SQL thread is stopped, PostgreSQL before the standby replayed
 *                           its first transaction)
 */
public record ReplicaLag(boolean caughtUp, boolean applying, OptionalLong bytesBehind,
                         OptionalLong transactionsBehind, Optional<Duration> delay) {

    /** Checks that no measure is null or negative and that a caught-up replica has no delay. */
    public ReplicaLag {
        Objects.requireNonNull(bytesBehind, "bytesBehind");
        Objects.requireNonNull(transactionsBehind, "transactionsBehind");
        Objects.requireNonNull(delay, "delay");
        if (bytesBehind.orElse(0) < 0 || transactionsBehind.orElse(0) < 0
                || delay.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("lag measures cannot be negative: " + bytesBehind + ", "
                    + transactionsBehind + ", " + delay);
        }
        if (caughtUp && delay.map(d -> !d.isZero()).orElse(false)) {
            throw new IllegalArgumentException("a caught-up replica has no delay, not " + delay.get());
        }
    }
}
