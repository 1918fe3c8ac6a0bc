package io.covet.core.pool;

import io.covet.core.error.ConfigurationException;

import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable pool settings of one database, attached with {@code DatabaseConfig.Builder.pool(PoolSettings)}
 * or the {@code covet.databases.<name>.pool.*} keys of {@code covet.properties}. Build with {@link #builder()};
 * {@link Builder#build()} reports every problem at once. Sizes and acquire timeout left unset here come from the
 * database's configuration ({@code maxPoolSize}, {@code minIdle}, {@code connectionTimeout}).
 *
 * <p>Defaults and why (see {@code docs/pool-and-resilience.md}): max lifetime 30 min and idle timeout 10 min
 * (HikariCP's, both below MariaDB's default {@code wait_timeout} of 8 h), keepalive 2 min (below the idle cut-off
 * of common NAT devices and proxies), alive-bypass window 500 ms (HikariCP's), leak detection off (it costs a stack
 * walk per checkout), fixed sizing, exhaustion reported after 1 s of waiting callers, high usage at 90 %.
 */
public final class PoolSettings {
    private final int maxSize;
    private final int minIdle;
    private final Duration acquireTimeout;
    private final Duration maxLifetime;
    private final Duration idleTimeout;
    private final Duration keepalive;
    private final Duration aliveBypassWindow;
    private final Duration leakThreshold;
    private final SizingPolicy sizing;
    private final List<String> onConnectSql;
    private final List<ConnectionHook> onConnect;
    private final List<ConnectionHook> onCheckout;
    private final List<ConnectionHook> onCheckin;
    private final List<PoolListener> listeners;
    private final Duration exhaustionWindow;
    private final double highUsageRatio;
    private final Duration monitorInterval;
    private final boolean lifetimeExplicit;

    private PoolSettings(Builder b) {
        this.maxSize = b.maxSize;
        this.minIdle = b.minIdle;
        this.acquireTimeout = b.acquireTimeout;
        this.maxLifetime = b.maxLifetime;
        this.idleTimeout = b.idleTimeout;
        this.keepalive = b.keepalive;
        this.aliveBypassWindow = b.aliveBypassWindow;
        this.leakThreshold = b.leakThreshold;
        this.sizing = b.sizing;
        this.onConnectSql = List.copyOf(b.onConnectSql);
        this.onConnect = List.copyOf(b.onConnect);
        this.onCheckout = List.copyOf(b.onCheckout);
        this.onCheckin = List.copyOf(b.onCheckin);
        this.listeners = List.copyOf(b.listeners);
        this.exhaustionWindow = b.exhaustionWindow;
        this.highUsageRatio = b.highUsageRatio;
        this.monitorInterval = b.monitorInterval;
        this.lifetimeExplicit = b.lifetimeExplicit;
    }

    /** Settings with every default. */
    public static PoolSettings defaults() {
        return builder().build();
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxSize = maxSize;
        b.minIdle = minIdle;
        b.acquireTimeout = acquireTimeout;
        b.maxLifetime = maxLifetime;
        b.idleTimeout = idleTimeout;
        b.keepalive = keepalive;
        b.aliveBypassWindow = aliveBypassWindow;
        b.leakThreshold = leakThreshold;
        b.sizing = sizing;
        b.onConnectSql.addAll(onConnectSql);
        b.onConnect.addAll(onConnect);
        b.onCheckout.addAll(onCheckout);
        b.onCheckin.addAll(onCheckin);
        b.listeners.addAll(listeners);
        b.exhaustionWindow = exhaustionWindow;
        b.highUsageRatio = highUsageRatio;
        b.monitorInterval = monitorInterval;
        b.lifetimeExplicit = lifetimeExplicit;
        return b;
    }

    /** The most connections (the base size under an overflow or dynamic policy); 0 when left to the database. */
    public int maxSize() {
        return maxSize;
    }

    /** Idle connections kept open; -1 when left to the database. */
    public int minIdle() {
        return minIdle;
    }

    /** How long a caller waits for a connection before {@link io.covet.core.error.PoolExhausted}; null when left to the database. */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** A connection older than this is closed when next idle (HikariCP {@code maxLifetime}); zero for never. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Whether {@link #maxLifetime()} was set explicitly (only then is a clash with the server refused). */
    public boolean maxLifetimeExplicit() {
        return lifetimeExplicit;
    }

    /** An idle connection above {@link #minIdle()} is closed after this (HikariCP {@code idleTimeout}); zero for never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How often an idle connection is pinged to keep it (and NAT/proxy state) alive; zero for never. */
    public Duration keepalive() {
        return keepalive;
    }

    /**
     * A connection idle longer than this is validated ({@code isValid}) before it is lent. HikariCP's own window is
     * a JVM-wide system property ({@code com.zaxxer.hikari.aliveBypassWindowMs}, default 500 ms); a shorter window
     * here makes Covet validate on check-out itself, per pool. Zero validates every check-out.
     */
    public Duration aliveBypassWindow() {
        return aliveBypassWindow;
    }

    /** A connection held longer than this is reported as a leak; zero (the default) turns detection off. */
    public Duration leakThreshold() {
        return leakThreshold;
    }

    /** How the pool's size moves under load. */
    public SizingPolicy sizing() {
        return sizing;
    }

    /** The SQL statements run on each new physical connection, in order (before the Java on-connect hooks). */
    public List<String> onConnectSql() {
        return onConnectSql;
    }

    /** The on-connect hooks, SQL ones first: run once per new physical connection. */
    public List<ConnectionHook> onConnect() {
        return onConnect;
    }

    /** Run each time a connection is lent, in order. */
    public List<ConnectionHook> onCheckout() {
        return onCheckout;
    }

    /** Run each time a connection comes back, in order. */
    public List<ConnectionHook> onCheckin() {
        return onCheckin;
    }

    /** Who is told about the pool's events. */
    public List<PoolListener> listeners() {
        return listeners;
    }

    /** How long callers must wait continuously before {@link PoolListener#exhausted} fires. */
    public Duration exhaustionWindow() {
        return exhaustionWindow;
    }

    /** The share of the maximum in use that fires {@link PoolListener#highUsage}. */
    public double highUsageRatio() {
        return highUsageRatio;
    }

    /** How often Covet's monitor samples the pool (exhaustion, high usage, leaks, dynamic sizing). */
    public Duration monitorInterval() {
        return monitorInterval;
    }

    /** Whether any hook is set (then each check-out and check-in runs them). */
    public boolean hasCheckoutHooks() {
        return !onCheckout.isEmpty() || !onCheckin.isEmpty();
    }

    @Override
    public String toString() {
        return "PoolSettings[maxSize=" + (maxSize > 0 ? maxSize : "database default") + ", minIdle="
                + (minIdle >= 0 ? minIdle : "database default") + ", acquireTimeout=" + acquireTimeout
                + ", maxLifetime=" + maxLifetime + ", idleTimeout=" + idleTimeout + ", keepalive=" + keepalive
                + ", aliveBypassWindow=" + aliveBypassWindow + ", leakThreshold=" + leakThreshold + ", sizing="
                + sizing + ", hooks=" + onConnect.size() + "/" + onCheckout.size() + "/" + onCheckin.size() + "]";
    }

    /** Collects pool settings; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        private int maxSize;
        private int minIdle = -1;
        private Duration acquireTimeout;
        private Duration maxLifetime = Duration.ofMinutes(30);
        private boolean lifetimeExplicit;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration keepalive = Duration.ofMinutes(2);
        private Duration aliveBypassWindow = Duration.ofMillis(500);
        private Duration leakThreshold = Duration.ZERO;
        private SizingPolicy sizing = SizingPolicy.fixed();
        private final List<String> onConnectSql = new ArrayList<>();
        private final List<ConnectionHook> onConnect = new ArrayList<>();
        private final List<ConnectionHook> onCheckout = new ArrayList<>();
        private final List<ConnectionHook> onCheckin = new ArrayList<>();
        private final List<PoolListener> listeners = new ArrayList<>();
        private Duration exhaustionWindow = Duration.ofSeconds(1);
        private double highUsageRatio = 0.9;
        private Duration monitorInterval = Duration.ofMillis(250);
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        /** The most connections (at least 1); the base size under an overflow or dynamic policy. */
        public Builder maxSize(int maxSize) {
            if (maxSize < 1) {
                problems.add("pool maxSize must be at least 1, was " + maxSize);
            } else {
                this.maxSize = maxSize;
            }
            return this;
        }

        /** Idle connections to keep open (0 to max size). */
        public Builder minIdle(int minIdle) {
            if (minIdle < 0) {
                problems.add("pool minIdle must be zero or positive, was " + minIdle);
            } else {
                this.minIdle = minIdle;
            }
            return this;
        }

        /** How long a caller waits for a free connection (at least 250 ms, HikariCP's floor). */
        public Builder acquireTimeout(Duration timeout) {
            this.acquireTimeout = timeout;
            return this;
        }

        /**
         * Close connections older than this when next idle (zero: never; else at least 30 s, HikariCP's floor).
         * Keep it below the server's {@code wait_timeout} (MariaDB) / {@code idle_session_timeout} (PostgreSQL):
         * an explicit value at or above them is refused when the database opens.
         */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = lifetime;
            this.lifetimeExplicit = true;
            return this;
        }

        /** Close idle connections above min idle after this (zero: never; else at least 10 s, HikariCP's floor). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Ping idle connections this often (zero: never; else at least 30 s and below max lifetime). */
        public Builder keepalive(Duration interval) {
            this.keepalive = interval;
            return this;
        }

        /** Validate a connection idle longer than this before lending it (zero: every time). */
        public Builder aliveBypassWindow(Duration window) {
            this.aliveBypassWindow = window;
            return this;
        }

        /** Report a connection held longer than this, once, with the stack that took it (zero: off). */
        public Builder leakThreshold(Duration threshold) {
            this.leakThreshold = threshold;
            return this;
        }

        /** How the pool's size moves under load (default {@link SizingPolicy#fixed()}). */
        public Builder sizing(SizingPolicy policy) {
            this.sizing = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * SQL run once on each new physical connection before it is first lent, e.g.
         * {@code SET search_path TO app}, {@code SET TIME ZONE 'UTC'}, {@code PRAGMA cache_size = -20000}. A failing
         * statement closes the connection and fails the check-out that would have used it.
         */
        public Builder onConnect(String... sql) {
            for (String s : sql) {
                if (s == null || s.isBlank()) {
                    problems.add("an on-connect SQL statement is empty");
                    continue;
                }
                onConnectSql.add(s.strip());
                String text = s.strip();
                onConnect.add(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute(text);
                    }
                });
            }
            return this;
        }

        /** A Java callback run once on each new physical connection, after the on-connect SQL. */
        public Builder onConnect(ConnectionHook hook) {
            onConnect.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Run each time a connection is lent; a failure evicts the connection and the check-out tries another. */
        public Builder onCheckout(ConnectionHook hook) {
            onCheckout.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Run each time a connection comes back (e.g. to reset session state); a failure evicts the connection
         * instead of returning it, and the caller is not failed (its work is already done).
         */
        public Builder onCheckin(ConnectionHook hook) {
            onCheckin.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** SQL run each time a connection comes back (see {@link #onCheckin(ConnectionHook)}). */
        public Builder onCheckinSql(String sql) {
            if (sql == null || sql.isBlank()) {
                problems.add("an on-checkin SQL statement is empty");
                return this;
            }
            String text = sql.strip();
            return onCheckin(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute(text);
                }
            });
        }

        /** SQL run each time a connection is lent (see {@link #onCheckout(ConnectionHook)}). */
        public Builder onCheckoutSql(String sql) {
            if (sql == null || sql.isBlank()) {
                problems.add("an on-checkout SQL statement is empty");
                return this;
            }
            String text = sql.strip();
            return onCheckout(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute(text);
                }
            });
        }

        /** Also tell {@code listener} about the pool's events. */
        public Builder listener(PoolListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Waiting callers must last this long before {@link PoolListener#exhausted} fires (default 1 s). */
        public Builder exhaustionWindow(Duration window) {
            this.exhaustionWindow = window;
            return this;
        }

        /** The share of the maximum in use that fires {@link PoolListener#highUsage} (above 0, at most 1; default 0.9). */
        public Builder highUsageRatio(double ratio) {
            this.highUsageRatio = ratio;
            return this;
        }

        /** How often the monitor samples the pool (at least 10 ms; default 250 ms). */
        public Builder monitorInterval(Duration interval) {
            this.monitorInterval = interval;
            return this;
        }

        /**
         * Validates every setting and returns the immutable settings.
         *
         * @throws ConfigurationException listing every problem found
         */
        public PoolSettings build() {
            List<String> all = new ArrayList<>(problems);
            if (maxSize > 0 && minIdle > maxSize) {
                all.add("pool minIdle (" + minIdle + ") is above maxSize (" + maxSize + "): lower minIdle or raise maxSize");
            }
            if (acquireTimeout != null && acquireTimeout.toMillis() < 250) {
                all.add("pool acquireTimeout must be at least 250ms (HikariCP's floor), was " + acquireTimeout);
            }
            atLeastOrZero(all, "maxLifetime", maxLifetime, Duration.ofSeconds(30));
            atLeastOrZero(all, "idleTimeout", idleTimeout, Duration.ofSeconds(10));
            atLeastOrZero(all, "keepalive", keepalive, Duration.ofSeconds(30));
            if (keepalive != null && maxLifetime != null && !keepalive.isZero() && !maxLifetime.isZero()
                    && !maxLifetime.isNegative() && keepalive.compareTo(maxLifetime) >= 0) {
                all.add("pool keepalive (" + keepalive + ") must be below maxLifetime (" + maxLifetime
                        + "): a connection would be recycled before its first ping");
            }
            notNegative(all, "aliveBypassWindow", aliveBypassWindow);
            notNegative(all, "leakThreshold", leakThreshold);
            if (exhaustionWindow == null || exhaustionWindow.isNegative() || exhaustionWindow.isZero()) {
                all.add("pool exhaustionWindow must be positive, was " + exhaustionWindow);
            }
            if (!(highUsageRatio > 0 && highUsageRatio <= 1)) {
                all.add("pool highUsageRatio must be above 0 and at most 1, was " + highUsageRatio);
            }
            if (monitorInterval == null || monitorInterval.toMillis() < 10) {
                all.add("pool monitorInterval must be at least 10ms, was " + monitorInterval);
            }
            if (sizing instanceof SizingPolicy.Dynamic d) {
                if (d.step() < 1) {
                    all.add("dynamic sizing step must be at least 1, was " + d.step());
                }
                if (d.pendingThreshold() < 0) {
                    all.add("dynamic sizing pendingThreshold must be zero or positive, was " + d.pendingThreshold());
                }
                if (maxSize > 0 && d.ceiling() <= maxSize) {
                    all.add("dynamic sizing ceiling (" + d.ceiling() + ") must be above maxSize (" + maxSize + ")");
                }
                notNegative(all, "dynamic sizing growAfter", d.growAfter());
                notNegative(all, "dynamic sizing shrinkAfter", d.shrinkAfter());
            }
            if (sizing instanceof SizingPolicy.Overflow o && o.extra() < 1) {
                all.add("overflow sizing extra must be at least 1, was " + o.extra());
            }
            if (!all.isEmpty()) {
                throw new ConfigurationException(all);
            }
            return new PoolSettings(this);
        }

        private static void notNegative(List<String> problems, String what, Duration d) {
            if (d == null || d.isNegative()) {
                problems.add("pool " + what + " must be zero or positive, was " + d);
            }
        }

        private static void atLeastOrZero(List<String> problems, String what, Duration d, Duration floor) {
            if (d == null || d.isNegative()) {
                problems.add("pool " + what + " must be zero (never) or positive, was " + d);
            } else if (!d.isZero() && d.compareTo(floor) < 0) {
                problems.add("pool " + what + " must be zero (never) or at least " + floor.toSeconds()
                        + "s (HikariCP's floor), was " + d);
            }
        }
    }
}
