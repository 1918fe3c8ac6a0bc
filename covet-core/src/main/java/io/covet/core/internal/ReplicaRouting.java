package io.covet.core.internal;

import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.PoolExhausted;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.core.replica.CausalToken;
import io.covet.core.replica.Consistency;
import io.covet.core.replica.ReplicaConfig;
import io.covet.core.replica.Router;
import io.covet.core.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Replica routing, the innermost link of a database with replicas. A read (a query whose verb is a read, not
 * locking rows: no {@code FOR UPDATE}/{@code FOR SHARE}/{@code LOCK IN SHARE MODE}) outside a transaction goes
 * to a replica chosen by {@link ReplicaSet#pick}; everything else (writes, locking reads, statements of a
 * transaction, raw connections) runs where it would without replicas: on the primary. Read-only transactions
 * borrow their connection from the replicas through {@link ReplicaSet} as well (see {@code Database}).
 *
 * <p>A replica that fails with a lost or refused connection leaves the rotation and the read moves to the next
 * one, then to the primary (or fails, by {@link ReplicaConfig#fallback()}); a "read" the replica refuses as a
 * write (a function that writes) runs on the primary. Inside a {@link ReadScope.Session}, each write outside a
 * transaction, and each transaction that wrote at its commit, advances the session's causal token. Not an API.
 */
public final class ReplicaRouting implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouting.class);

    private final ReplicaSet set;
    private final Router router;
    private final Consistency defaults;
    private final java.time.Duration rywTimeout;

    public ReplicaRouting(ReplicaSet set) {
        this.set = set;
        this.router = set.config.router() == Router.NONE ? null : set.config.router();
        this.defaults = set.config.defaultConsistency();
        this.rywTimeout = set.config.readYourWritesTimeout();
    }

    @Override
    public <T> T intercept(Chain<T> chain) {
        StatementContext ctx = chain.context();
        StatementKind kind = ctx.kind();
        if (kind == StatementKind.TRANSACTION) {
            return chain.proceed();
        }
        ReadScope scope = ReadScope.current();
        boolean read = (kind == StatementKind.QUERY || kind == StatementKind.STREAM)
                && ctx.operation() == Operation.SELECT && !locksRows(ctx.sql());
        if (!read) {
            T result = chain.proceed();
            if (scope != null && scope.session != null && ctx.operation() != Operation.SELECT) {
                track(ctx.transaction(), scope.session);
            }
            return result;
        }
        if (!ctx.redirectable() || (scope != null && scope.pin == ReadScope.Pin.PRIMARY)) {
            return chain.proceed();
        }
        boolean pinned = scope != null && scope.pin == ReadScope.Pin.REPLICA;
        if (router != null && !pinned) {
            Router.Route route = router.forRead(ctx);
            if (route == Router.Route.PRIMARY) {
                return chain.proceed();
            }
        }
        ReadScope.Session session = scope == null ? null : scope.session;
        Consistency c = scope != null && scope.consistency != null ? scope.consistency
                : session != null ? Consistency.READ_YOUR_WRITES : defaults;
        long bound = -1;
        CausalToken token = null;
        if (c.level() == Consistency.Level.BOUNDED) {
            bound = c.bound().orElseThrow().toNanos();
        } else if (c.level() == Consistency.Level.READ_YOUR_WRITES && session != null) {
            if (session.primaryOnly()) {
                set.rywFallbacks.incrementAndGet();
                return chain.proceed();
            }
            token = session.token();
        }
        return onReplica(chain, bound, session, token);
    }

    private <T> T onReplica(Chain<T> chain, long bound, ReadScope.Session session, CausalToken token) {
        long tried = 0;
        for (int attempt = 0; attempt < set.nodes.length; attempt++) {
            ReplicaSet.Node n = set.pick(bound, tried, false);
            if (n == null) {
                break;
            }
            tried |= 1L << n.index;
            OneShot held = null;
            if (token != null && !session.confirmedBy(n.index)) {
                Connection c;
                try {
                    c = n.pool.getConnection();
                } catch (SQLException e) {
                    set.failed(n, new ConnectionFailure(e.getMessage(), set.engine, null, e));
                    continue;
                }
                boolean seen;
                try {
                    seen = set.replication.await(c, token, rywTimeout);
                } catch (RuntimeException e) {
                    closeQuietly(c);
                    set.failed(n, e);
                    continue;
                }
                if (!seen) {
                    // Another replica would most likely be as far behind, and each costs a full wait.
                    closeQuietly(c);
                    set.rywFallbacks.incrementAndGet();
                    return chain.proceed();
                }
                session.confirm(n.index, token);
                held = new OneShot(c);
            }
            n.outstanding.incrementAndGet();
            try {
                T result = chain.proceed(held != null ? held : n.pool);
                n.reads.incrementAndGet();
                return result;
            } catch (PoolExhausted e) {
                // busy, not broken: the next replica may have a free connection
                LOG.debug("replica {} of database '{}' has no free connection", n.name, set.database);
            } catch (ConnectionFailure e) {
                set.failed(n, e);
            } catch (ReadOnlyViolation e) {
                // the "read" writes (a function, a data-modifying CTE): run it where writes go
                return chain.proceed();
            } finally {
                n.outstanding.decrementAndGet();
                if (held != null) {
                    held.closeIfUnused();
                }
            }
        }
        if (bound < 0 && token == null && set.config.fallback() == ReplicaConfig.Fallback.FAIL) {
            throw new ConnectionFailure("no replica of database '" + set.database + "' can serve this read ("
                    + set.status().stream().map(s -> s.name() + ": " + s.reason().orElse("busy"))
                    .reduce((a, b) -> a + "; " + b).orElse("none") + "), and its replica fallback is FAIL, so the "
                    + "primary is not used. Set replica.fallback=primary to read the primary instead",
                    set.engine, null, null);
        }
        set.primaryFallbacks.incrementAndGet();
        return chain.proceed();
    }

    /** Advances the session's token after this write's commit: now, or when its transaction commits. */
    private void track(Optional<Transaction> tx, ReadScope.Session session) {
        if (tx.isEmpty()) {
            capture(session);
        } else if (session.pending(tx.get())) {
            tx.get().onCommit(() -> capture(session));
        }
    }

    private void capture(ReadScope.Session session) {
        try (Connection c = set.primary.getConnection()) {
            session.advance(set.replication.capture(c));
        } catch (SQLException | RuntimeException e) {
            session.lost();
            LOG.warn("database '{}': the primary's position after a commit could not be read ({}); the session's "
                    + "reads go to the primary until its next commit", set.database, e.getClass().getSimpleName());
        }
    }

    /**
     * Whether a read locks rows ({@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE},
     * {@code FOR KEY SHARE}, {@code LOCK IN SHARE MODE}), which needs the primary. A scan for the keywords, not a
     * parse: a string literal containing them sends the read to the primary, which is safe.
     */
    static boolean locksRows(String sql) {
        int n = sql.length();
        for (int i = 0; i + 10 <= n; i++) {
            char ch = sql.charAt(i);
            if ((ch == 'f' || ch == 'F') && sql.regionMatches(true, i, "for ", 0, 4)) {
                int j = i + 4;
                while (j < n && sql.charAt(j) == ' ') {
                    j++;
                }
                if (sql.regionMatches(true, j, "update", 0, 6) || sql.regionMatches(true, j, "share", 0, 5)
                        || sql.regionMatches(true, j, "no key update", 0, 13)
                        || sql.regionMatches(true, j, "key share", 0, 9)) {
                    return true;
                }
            } else if ((ch == 'l' || ch == 'L') && sql.regionMatches(true, i, "lock in share mode", 0, 18)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // back to its pool; a broken one is discarded there
        }
    }
}
