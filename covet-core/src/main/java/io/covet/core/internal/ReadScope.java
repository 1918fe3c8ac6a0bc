package io.covet.core.internal;

import io.covet.core.replica.CausalToken;
import io.covet.core.replica.Consistency;

import java.util.function.Supplier;

/**
 * What the calling thread asked about where its reads go: pinned to the primary or to replicas, a consistency,
 * the causal session whose commits later reads must see. Set around a block by the public
 * {@code io.covet.core.replica.Reads}/{@code ReadSession} and {@code SqlStatement.onPrimary()}; read by replica
 * routing once per statement (one thread-local read). Not an API.
 */
public final class ReadScope {
    private static final ThreadLocal<ReadScope> CURRENT = new ThreadLocal<>();

    /** Where a scope pins reads. */
    public enum Pin {
        /** No pin. */
        NONE,
        /** Every statement on the primary. */
        PRIMARY,
        /** Reads on replicas even where the router or the consistency would choose the primary. */
        REPLICA
    }

    final Pin pin;
    final Consistency consistency;
    final Session session;

    private ReadScope(Pin pin, Consistency consistency, Session session) {
        this.pin = pin;
        this.consistency = consistency;
        this.session = session;
    }

    /** The scope of the calling thread, or null. */
    public static ReadScope current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code work} with the given pin, consistency and session (null: keep the enclosing scope's) and restores
     * the enclosing scope afterwards.
     */
    public static <T> T call(Pin pin, Consistency consistency, Session session, Supplier<T> work) {
        ReadScope outer = CURRENT.get();
        ReadScope scope = new ReadScope(
                pin != null ? pin : outer != null ? outer.pin : Pin.NONE,
                consistency != null ? consistency : outer != null ? outer.consistency : null,
                session != null ? session : outer != null ? outer.session : null);
        CURRENT.set(scope);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * The causal state of one session: the position of its last commit on the primary, and which replicas are
     * known to have replayed it (a bit per replica, so a replica that confirmed once is not asked again).
     */
    public static final class Session {
        private CausalToken token;
        private long confirmed;
        private boolean primaryOnly;
        private Object pendingTx;

        /** @param token the position to start from (an imported token), or null */
        public Session(CausalToken token) {
            this.token = token;
        }

        /** The last commit's position, or null before the first. */
        public synchronized CausalToken token() {
            return token;
        }

        /** Records a newer commit: no replica has confirmed it yet. */
        public synchronized void advance(CausalToken newer) {
            this.token = newer;
            this.confirmed = 0;
            this.primaryOnly = false;
            this.pendingTx = null;
        }

        /** A commit whose position could not be read: reads go to the primary until the next known commit. */
        synchronized void lost() {
            this.primaryOnly = true;
            this.pendingTx = null;
        }

        synchronized boolean primaryOnly() {
            return primaryOnly;
        }

        /** Whether {@code tx} is new to this session (so its commit must be captured once). */
        synchronized boolean pending(Object tx) {
            if (pendingTx == tx) {
                return false;
            }
            pendingTx = tx;
            return true;
        }

        synchronized boolean confirmedBy(int node) {
            return node < 64 && (confirmed & (1L << node)) != 0;
        }

        synchronized void confirm(int node, CausalToken seen) {
            if (node < 64 && seen.equals(token)) {
                confirmed |= 1L << node;
            }
        }
    }
}
