package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.DataAccessException;
import io.covet.core.pipeline.ConnectionContext;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Outcome;
import io.covet.core.pipeline.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The interceptors of one database, in order, and the machinery that runs a statement or a connection borrow
 * through them. Immutable. Callers check {@link #active()} first and, when it is false, run the statement
 * directly without building a context: that is the whole cost of an empty pipeline.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final String database;
    private final Engine engine;
    private final Interceptor[] links;
    // Borrows skip the connection chain (its context, links and clock readings) when no interceptor looks at them.
    private final boolean watchesAcquire;
    private final boolean watchesRelease;

    /**
     * @param database     the database's name
     * @param engine       its engine
     * @param interceptors outermost first
     */
    public Pipeline(String database, Engine engine, List<Interceptor> interceptors) {
        this.database = database;
        this.engine = engine;
        this.links = interceptors.toArray(new Interceptor[0]);
        boolean acquire = false;
        boolean released = false;
        for (Interceptor i : links) {
            acquire |= overrides(i, "acquire", Interceptor.ConnectionChain.class);
            released |= overrides(i, "released", ConnectionContext.class, Duration.class);
        }
        this.watchesAcquire = acquire;
        this.watchesRelease = released;
    }

    /** Whether {@code i}'s class implements {@code method} itself rather than keeping the pass-through default. */
    private static boolean overrides(Interceptor i, String method, Class<?>... parameters) {
        try {
            return i.getClass().getMethod(method, parameters).getDeclaringClass() != Interceptor.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** Whether any interceptor is registered; when not, statements take the direct path. */
    public boolean active() {
        return links.length > 0;
    }

    /** The interceptors, outermost first. */
    public List<Interceptor> interceptors() {
        return List.of(links);
    }

    /** The database's name. */
    public String database() {
        return database;
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** The statement itself, run on a connection of {@code target} (null: the database's own). */
    @FunctionalInterface
    public interface Terminal<T> {
        /** Runs the statement; failures are thrown already translated. */
        T run(DataSource target);
    }

    /**
     * Runs a statement through every interceptor.
     *
     * @param rows the row count of a result, for {@link Outcome#rowCount()}
     */
    public <T> T run(StatementContext context, Terminal<T> terminal, ToLongFunction<? super T> rows) {
        return new Link<>(this, 0, context, terminal, rows, new Run(), null).proceed();
    }

    /** Work on a JDBC connection that throws the driver's exception. */
    @FunctionalInterface
    public interface SqlCall<T> {
        /** Does the work. */
        T call() throws SQLException;
    }

    /**
     * Runs JDBC work through the interceptors for callers that expect the driver's {@link SQLException}
     * (raw connections, transaction control): interceptors see the failure classified, the caller gets the
     * original exception back.
     */
    public <T> T runSql(StatementContext context, SqlCall<T> call, ToLongFunction<? super T> rows,
                        Function<SQLException, DataAccessException> translate) throws SQLException {
        SQLException[] original = new SQLException[1];
        DataAccessException[] translated = new DataAccessException[1];
        try {
            return run(context, target -> {
                try {
                    return call.call();
                } catch (SQLException e) {
                    original[0] = e;
                    translated[0] = translate.apply(e);
                    throw translated[0];
                }
            }, rows);
        } catch (DataAccessException e) {
            if (translated[0] != null && e == translated[0]) {
                throw original[0];
            }
            throw e;
        }
    }

    private static final class Run {
        Outcome latest;
        boolean started;
    }

    private static final class Link<T> implements Interceptor.Chain<T> {
        private final Pipeline pipeline;
        private final int index;
        private final StatementContext context;
        private final Terminal<T> terminal;
        private final ToLongFunction<? super T> rows;
        private final Run run;
        private final DataSource target;
        private Outcome last;

        Link(Pipeline pipeline, int index, StatementContext context, Terminal<T> terminal,
             ToLongFunction<? super T> rows, Run run, DataSource target) {
            this.pipeline = pipeline;
            this.index = index;
            this.context = context;
            this.terminal = terminal;
            this.rows = rows;
            this.run = run;
            this.target = target;
        }

        @Override
        public StatementContext context() {
            return context;
        }

        @Override
        public T proceed() {
            return proceedTo(target);
        }

        @Override
        public T proceed(DataSource target) {
            if (target == null) {
                throw new NullPointerException("target");
            }
            if (!context.redirectable()) {
                throw new IllegalStateException("an interceptor tried to redirect a " + context.kind()
                        + " statement of database '" + context.database() + "' to another DataSource, but it "
                        + (context.transaction().isPresent() ? "runs inside transaction '"
                        + context.transaction().get().name() + "' and must use the transaction's connection"
                        : "runs on a connection its caller already holds")
                        + ". Check StatementContext.redirectable() before redirecting; call proceed() instead");
            }
            return proceedTo(target);
        }

        private T proceedTo(DataSource to) {
            try {
                Interceptor[] links = pipeline.links;
                if (index < links.length) {
                    return links[index].intercept(new Link<>(pipeline, index + 1, context, terminal, rows, run, to));
                }
                return execute(to);
            } finally {
                last = run.latest;
            }
        }

        private T execute(DataSource to) {
            if (run.started && !context.repeatable()) {
                throw new IllegalStateException("an interceptor called proceed() again for a " + context.kind()
                        + " into " + context.tables() + " on database '" + context.database() + "', but its rows "
                        + "were consumed by the first attempt, so it cannot run twice. Check "
                        + "StatementContext.repeatable() before retrying");
            }
            run.started = true;
            long t0 = System.nanoTime();
            try {
                T result = terminal.run(to);
                run.latest = new Outcome(result == null ? -1 : rows.applyAsLong(result),
                        Duration.ofNanos(System.nanoTime() - t0), null);
                return result;
            } catch (RuntimeException | Error e) {
                run.latest = new Outcome(-1, Duration.ofNanos(System.nanoTime() - t0), e);
                throw e;
            }
        }

        @Override
        public Optional<Outcome> outcome() {
            return Optional.ofNullable(last);
        }
    }

    // ---------------------------------------------------------------- connections

    /**
     * Borrows a connection from {@code source} through every interceptor's {@link Interceptor#acquire}; the
     * lease tells them when it goes back.
     */
    public Lease borrow(DataSource source, ConnectionContext.Purpose purpose, boolean redirected,
                        Function<SQLException, RuntimeException> failure) {
        if (!watchesAcquire && !watchesRelease) {
            try {
                return new Lease(source.getConnection(), true);
            } catch (SQLException e) {
                throw failure.apply(e);
            }
        }
        ConnectionContext ctx = new ConnectionContext(database, engine, purpose, redirected);
        Connection c = new ConnectionLink(this, 0, ctx, source, failure).proceed();
        if (!watchesRelease) {
            return new Lease(c, true);
        }
        long t0 = System.nanoTime();
        return new Lease(c, true, () -> released(ctx, t0));
    }

    /**
     * Borrows a connection through the interceptors for code that manages its return itself (transactions);
     * call {@link #released(ConnectionContext, long)} with the returned context after giving it back.
     */
    public Connection acquire(ConnectionContext ctx, DataSource source, Function<SQLException, RuntimeException> failure) {
        if (!watchesAcquire) {
            try {
                return source.getConnection();
            } catch (SQLException e) {
                throw failure.apply(e);
            }
        }
        return new ConnectionLink(this, 0, ctx, source, failure).proceed();
    }

    /** Tells every interceptor a connection went back, borrowed at {@code borrowedAt} ({@link System#nanoTime()}). */
    public void released(ConnectionContext ctx, long borrowedAt) {
        if (!watchesRelease) {
            return;
        }
        Duration held = Duration.ofNanos(System.nanoTime() - borrowedAt);
        for (Interceptor i : links) {
            try {
                i.released(ctx, held);
            } catch (RuntimeException e) {
                // The connection is already back; an observer's failure must not fail the statement that used it.
                LOG.warn("interceptor {} failed when told a connection of database '{}' was released",
                        i.getClass().getName(), database, e);
            }
        }
    }

    private static final class ConnectionLink implements Interceptor.ConnectionChain {
        private final Pipeline pipeline;
        private final int index;
        private final ConnectionContext context;
        private final DataSource source;
        private final Function<SQLException, RuntimeException> failure;

        ConnectionLink(Pipeline pipeline, int index, ConnectionContext context, DataSource source,
                       Function<SQLException, RuntimeException> failure) {
            this.pipeline = pipeline;
            this.index = index;
            this.context = context;
            this.source = source;
            this.failure = failure;
        }

        @Override
        public ConnectionContext context() {
            return context;
        }

        @Override
        public Connection proceed() {
            if (index < pipeline.links.length) {
                Connection c = pipeline.links[index].acquire(
                        new ConnectionLink(pipeline, index + 1, context, source, failure));
                if (c == null) {
                    throw new IllegalStateException("interceptor " + pipeline.links[index].getClass().getName()
                            + " returned no connection from acquire(); return what proceed() returned");
                }
                return c;
            }
            try {
                return source.getConnection();
            } catch (SQLException e) {
                throw failure.apply(e);
            }
        }
    }
}
