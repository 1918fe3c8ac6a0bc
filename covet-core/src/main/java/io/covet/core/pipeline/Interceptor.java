package io.covet.core.pipeline;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;

/**
 * A link of a database's statement pipeline: runs around every statement the database executes and every
 * connection it borrows. Interceptors may observe, time, wrap, retry, refuse or redirect; they must be
 * thread-safe, since one instance serves every thread of its database.
 *
 * <p>Order: the first registered interceptor is the outermost; its {@link Chain#proceed()} calls the second,
 * and the last one's calls the statement itself. Every method has a pass-through default, so an interceptor
 * overrides only what it needs.
 *
 * <pre>{@code
 * final class SlowQueryLog implements Interceptor {
 *     public <T> T intercept(Chain<T> chain) {
 *         try {
 *             return chain.proceed();
 *         } finally {
 *             Outcome o = chain.outcome().orElseThrow();
 *             if (o.duration().toMillis() > 500) {
 *                 LOG.warn("slow {} ({} ms): {}", chain.context().fingerprint(), o.duration().toMillis(),
 *                         chain.context().sql());
 *             }
 *         }
 *     }
 * }
 * }</pre>
 */
public interface Interceptor {

    /**
     * Runs around one statement. The default passes it on unchanged.
     *
     * @return what {@link Chain#proceed()} returned, or a value of the same type (a wrapper, e.g. a stream that
     *         counts rows); the statement's caller receives it
     */
    default <T> T intercept(Chain<T> chain) {
        return chain.proceed();
    }

    /**
     * Runs around the borrowing of a connection; the default borrows it. An interceptor may time the wait, or
     * return a wrapper of the connection, which must delegate every method (including {@code unwrap} and
     * {@code close}) to it. Not called for the transaction's own connection lent to each of its statements, nor
     * for the connection that probes the server when the database opens.
     *
     * @throws io.covet.core.error.ConnectionFailure from {@link ConnectionChain#proceed()}, when no connection
     *                                               can be had
     */
    default Connection acquire(ConnectionChain chain) {
        return chain.proceed();
    }

    /**
     * Told after a connection borrowed through {@link #acquire} went back to its pool.
     *
     * @param held how long it was borrowed
     */
    default void released(ConnectionContext context, Duration held) {
    }

    /** The rest of the pipeline for one statement, as seen by one interceptor. Used by one thread. */
    interface Chain<T> {
        /** The statement. */
        StatementContext context();

        /**
         * Passes the statement to the next interceptor, or runs it when this is the last one, and returns its
         * result. May be called again to retry when {@link StatementContext#repeatable()}; each call runs the
         * statement anew (a STREAM opens a new cursor: close a stream you discard).
         *
         * @throws io.covet.core.error.CovetException the statement's failure, classified
         * @throws IllegalStateException              when called again for a statement that is not repeatable
         */
        T proceed();

        /**
         * Like {@link #proceed()}, but the statement runs on a connection from {@code target} (e.g. a read
         * replica) instead of the database's pool; interceptors further down see
         * {@link ConnectionContext#redirected()}. The target must be a database of the same engine holding the
         * tables the statement names; errors are translated as for the database. Only allowed when
         * {@link StatementContext#redirectable()}: inside a transaction the statement must run on the
         * transaction's connection, so redirecting is refused rather than silently ignored.
         *
         * @throws IllegalStateException when the statement is not redirectable
         */
        T proceed(DataSource target);

        /**
         * What the statement's last execution below this link did: empty until a {@code proceed} call of this
         * chain returned or threw.
         */
        Optional<Outcome> outcome();
    }

    /** The rest of the pipeline for one connection borrow. */
    interface ConnectionChain {
        /** The connection being borrowed. */
        ConnectionContext context();

        /**
         * Borrows the connection through the remaining interceptors and the pool.
         *
         * @throws io.covet.core.error.ConnectionFailure when no connection can be had
         */
        Connection proceed();
    }
}
