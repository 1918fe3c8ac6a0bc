package io.covet.core.replica;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How fresh a read routed to a replica must be. Immutable.
 *
 * <ul>
 *   <li>{@link #EVENTUAL}: any replica in rotation (within its configured maximum lag);</li>
 *   <li>{@link #bounded(Duration)}: only a replica whose measured lag, plus the age of that measurement, is within
 *   the bound; otherwise the primary;</li>
 *   <li>{@link #READ_YOUR_WRITES}: a replica that has replayed the last commit of the current {@link ReadSession}
 *   (waited for up to {@link ReplicaConfig#readYourWritesTimeout()}); otherwise the primary. Outside a session,
 *   or in a session that has committed nothing yet, it is {@link #EVENTUAL}.</li>
 * </ul>
 */
public final class Consistency {
    /** The kinds of consistency. */
    public enum Level {
        /** Any replica in rotation. */
        EVENTUAL,
        /** A replica at most a given time behind. */
        BOUNDED,
        /** A replica that has replayed the session's last commit. */
        READ_YOUR_WRITES
    }

    /** Any replica in rotation. */
    public static final Consistency EVENTUAL = new Consistency(Level.EVENTUAL, null);
    /** A replica that has replayed the session's last commit, else the primary. */
    public static final Consistency READ_YOUR_WRITES = new Consistency(Level.READ_YOUR_WRITES, null);

    private final Level level;
    private final Duration bound;

    private Consistency(Level level, Duration bound) {
        this.level = level;
        this.bound = bound;
    }

    /**
     * A replica at most {@code maxLag} behind, by the background lag check; the primary when none is.
     *
     * @throws IllegalArgumentException for a negative bound
     */
    public static Consistency bounded(Duration maxLag) {
        Objects.requireNonNull(maxLag, "maxLag");
        if (maxLag.isNegative()) {
            throw new IllegalArgumentException("a staleness bound cannot be negative, was " + maxLag);
        }
        return new Consistency(Level.BOUNDED, maxLag);
    }

    /** The kind. */
    public Level level() {
        return level;
    }

    /** The bound of a {@link Level#BOUNDED} consistency; empty for the others. */
    public Optional<Duration> bound() {
        return Optional.ofNullable(bound);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Consistency c && c.level == level && Objects.equals(c.bound, bound);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, bound);
    }

    @Override
    public String toString() {
        return bound == null ? level.name() : "BOUNDED(" + bound + ")";
    }
}
