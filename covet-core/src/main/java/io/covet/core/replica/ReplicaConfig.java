package io.covet.core.replica;

import io.covet.core.error.ConfigurationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The read replicas of one database and how reads are spread over them: the nodes (URL, weight, maximum lag),
 * the balancing policy, the background lag check, the read-your-writes wait and what happens when no replica
 * can serve a read. Immutable; built with {@link #builder()} and attached with
 * {@code DatabaseConfig.Builder.replicas(…)}, or from {@code covet.databases.<name>.replicas=url1,url2} and the
 * {@code replica.<key>} settings (see {@code docs/replicas.md}).
 *
 * <p>Only PostgreSQL and MariaDB databases have replicas: opening a SQLite database with replicas throws
 * {@link io.covet.core.error.UnsupportedFeature}.
 */
public final class ReplicaConfig {
    /** How reads are spread over the replicas in rotation. */
    public enum Balancing {
        /** Each replica in turn. */
        ROUND_ROBIN,
        /** In proportion to each replica's {@link Node#weight()} (smooth weighted round robin). */
        WEIGHTED,
        /** The replica with the fewest reads running now; ties in turn. */
        LEAST_OUTSTANDING
    }

    /** What a read does when no replica can serve it (all down, out of rotation or too far behind). */
    public enum Fallback {
        /** It runs on the primary. */
        PRIMARY,
        /** It fails with {@link io.covet.core.error.ConnectionFailure} saying why no replica could serve it. */
        FAIL
    }

    /**
     * One replica.
     *
     * @param url    its database URL ({@code postgresql://…}, {@code mariadb://…}); without credentials it uses the
     *               primary's
     * @param weight its share of reads under {@link Balancing#WEIGHTED}, at least 1
     * @param maxLag over this it leaves the rotation; it returns once back under half of it
     */
    public record Node(String url, int weight, Duration maxLag) {
        /** Checks the values. */
        public Node {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(maxLag, "maxLag");
        }

        @Override
        public String toString() {
            // the URL may carry a password: never print it
            return "Node[weight=" + weight + ", maxLag=" + maxLag + "]";
        }
    }

    private final List<Node> nodes;
    private final Balancing balancing;
    private final Fallback fallback;
    private final Duration lagCheckInterval;
    private final Duration roleCheckInterval;
    private final boolean heartbeat;
    private final Duration readYourWritesTimeout;
    private final Duration acquireTimeout;
    private final Consistency defaultConsistency;
    private final Router router;

    private ReplicaConfig(Builder b) {
        this.nodes = List.copyOf(b.nodes);
        this.balancing = b.balancing;
        this.fallback = b.fallback;
        this.lagCheckInterval = b.lagCheckInterval;
        this.roleCheckInterval = b.roleCheckInterval;
        this.heartbeat = b.heartbeat;
        this.readYourWritesTimeout = b.readYourWritesTimeout;
        this.acquireTimeout = b.acquireTimeout;
        this.defaultConsistency = b.defaultConsistency;
        this.router = b.router;
    }

    /** A builder with the defaults: round robin, fall back to the primary, lag checked every 500 ms. */
    public static Builder builder() {
        return new Builder();
    }

    /** The replicas, in the order given; at least one. */
    public List<Node> nodes() {
        return nodes;
    }

    /** How reads are spread. */
    public Balancing balancing() {
        return balancing;
    }

    /** What a read does when no replica can serve it. */
    public Fallback fallback() {
        return fallback;
    }

    /** How often the background thread measures each replica's lag and re-checks a failed one. */
    public Duration lagCheckInterval() {
        return lagCheckInterval;
    }

    /**
     * How often the background thread re-reads the role of each replica that serves reads (a standby promoted to
     * primary, or a replica whose {@code read_only} was turned off, leaves the rotation at the next check); a replica
     * that failed is re-checked every {@link #lagCheckInterval()} instead, and its role verified before it serves.
     */
    public Duration roleCheckInterval() {
        return roleCheckInterval;
    }

    /**
     * Whether lag is measured with a heartbeat row (MariaDB only): the lag check writes the primary's time into the
     * table {@code covet_replica_heartbeat} of the primary's database each round, and a lagging replica's lag is
     * how old its copy of that row is, by the primary's clock, to within one {@link #lagCheckInterval()} (instead of
     * {@code Seconds_Behind_Master}, which counts whole seconds and is unknown while the SQL thread is stopped).
     * Costs one small write on the primary per round, replicated to every replica. A PostgreSQL database with a
     * heartbeat is refused ({@link io.covet.core.error.UnsupportedFeature}): its standbys report their replay time.
     */
    public boolean heartbeat() {
        return heartbeat;
    }

    /** How long a {@link Consistency#READ_YOUR_WRITES} read waits for a replica before it reads the primary. */
    public Duration readYourWritesTimeout() {
        return readYourWritesTimeout;
    }

    /**
     * How long a read waits for a connection of one replica before trying the next (each replica's pool gets the
     * smaller of this and the database's connection timeout), so that a dead replica costs a read at most this.
     */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** The consistency of a read that asks for none (and runs outside a {@link ReadSession}). */
    public Consistency defaultConsistency() {
        return defaultConsistency;
    }

    /** The rules that send some reads to the primary or pin them to replicas; the default has no opinion. */
    public Router router() {
        return router;
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nodes.addAll(nodes);
        b.balancing = balancing;
        b.fallback = fallback;
        b.lagCheckInterval = lagCheckInterval;
        b.roleCheckInterval = roleCheckInterval;
        b.heartbeat = heartbeat;
        b.readYourWritesTimeout = readYourWritesTimeout;
        b.acquireTimeout = acquireTimeout;
        b.defaultConsistency = defaultConsistency;
        b.router = router;
        return b;
    }

    @Override
    public String toString() {
        return "ReplicaConfig[" + nodes.size() + " replica(s), " + balancing + ", fallback=" + fallback
                + ", lagCheck=" + lagCheckInterval + (heartbeat ? ", heartbeat" : "") + "]";
    }

    /** Collects settings; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private Balancing balancing = Balancing.ROUND_ROBIN;
        private Fallback fallback = Fallback.PRIMARY;
        private Duration lagCheckInterval = Duration.ofMillis(500);
        private Duration roleCheckInterval = Duration.ofSeconds(5);
        private boolean heartbeat;
        private Duration readYourWritesTimeout = Duration.ofMillis(200);
        private Duration acquireTimeout = Duration.ofSeconds(1);
        private Consistency defaultConsistency = Consistency.EVENTUAL;
        private Router router = Router.NONE;
        private Duration defaultMaxLag = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Adds a replica with weight 1 and the default maximum lag (30 s unless {@link #maxLag} changed it). */
        public Builder replica(String url) {
            return replica(url, 1, null);
        }

        /**
         * Adds a replica.
         *
         * @param maxLag null for the default maximum lag
         */
        public Builder replica(String url, int weight, Duration maxLag) {
            nodes.add(new Node(Objects.requireNonNull(url, "url"), weight,
                    maxLag == null ? Duration.ofNanos(-1) : maxLag));
            return this;
        }

        /** The maximum lag of replicas added without their own (default 30 s). */
        public Builder maxLag(Duration maxLag) {
            this.defaultMaxLag = Objects.requireNonNull(maxLag, "maxLag");
            return this;
        }

        /** How reads are spread (default {@link Balancing#ROUND_ROBIN}). */
        public Builder balancing(Balancing balancing) {
            this.balancing = Objects.requireNonNull(balancing, "balancing");
            return this;
        }

        /** What a read does when no replica can serve it (default {@link Fallback#PRIMARY}). */
        public Builder fallback(Fallback fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** How often lag is measured (default 500 ms; at least 10 ms). */
        public Builder lagCheckInterval(Duration interval) {
            this.lagCheckInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How often the role of a serving replica is re-read (default 5 s; at least 10 ms). */
        public Builder roleCheckInterval(Duration interval) {
            this.roleCheckInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Measures MariaDB lag with a heartbeat row ({@link ReplicaConfig#heartbeat()}; default off). */
        public Builder heartbeat(boolean on) {
            this.heartbeat = on;
            return this;
        }

        /** How long a read-your-writes read waits on a replica before reading the primary (default 200 ms). */
        public Builder readYourWritesTimeout(Duration timeout) {
            this.readYourWritesTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long a read waits for one replica's connection (default 1 s; at least 250 ms). */
        public Builder acquireTimeout(Duration timeout) {
            this.acquireTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The consistency of reads that ask for none (default {@link Consistency#EVENTUAL}). */
        public Builder defaultConsistency(Consistency consistency) {
            this.defaultConsistency = Objects.requireNonNull(consistency, "consistency");
            return this;
        }

        /** Per-table or per-statement rules ({@link Router}). */
        public Builder router(Router router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Checks every setting and returns the immutable configuration.
         *
         * @throws ConfigurationException listing every problem
         */
        public ReplicaConfig build() {
            List<String> problems = new ArrayList<>();
            if (nodes.isEmpty()) {
                problems.add("no replica given: add at least one replica URL, or leave replicas out");
            }
            if (nodes.size() > 64) {
                problems.add(nodes.size() + " replicas given; at most 64 are supported per database");
            }
            if (defaultMaxLag.isNegative() || defaultMaxLag.isZero()) {
                problems.add("maximum lag must be positive, was " + defaultMaxLag);
            }
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                if (n.url().isBlank()) {
                    problems.add("replica #" + (i + 1) + " has an empty URL");
                }
                if (n.weight() < 1) {
                    problems.add("replica #" + (i + 1) + ": weight must be at least 1, was " + n.weight());
                }
                if (n.maxLag().isNegative()) {
                    nodes.set(i, new Node(n.url(), n.weight(), defaultMaxLag));
                } else if (n.maxLag().isZero()) {
                    problems.add("replica #" + (i + 1) + ": maximum lag must be positive, was 0");
                }
            }
            if (lagCheckInterval.toMillis() < 10) {
                problems.add("lag check interval must be at least 10ms, was " + lagCheckInterval);
            }
            if (roleCheckInterval.toMillis() < 10) {
                problems.add("role check interval must be at least 10ms, was " + roleCheckInterval);
            }
            if (readYourWritesTimeout.isNegative()) {
                problems.add("read-your-writes timeout must be zero or positive, was " + readYourWritesTimeout);
            }
            if (acquireTimeout.toMillis() < 250) {
                problems.add("replica acquire timeout must be at least 250ms (HikariCP's minimum), was "
                        + acquireTimeout);
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new ReplicaConfig(this);
        }
    }
}
