package io.covet.testing;

import io.covet.core.pipeline.ConnectionContext;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Outcome;
import io.covet.core.pipeline.StatementContext;

import io.covet.core.pipeline.StatementKind;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every statement (with what its execution did) and every connection borrow and return it sees. */
public final class Recorder implements Interceptor {
    /** One statement as seen after its last execution. */
    public record Seen(StatementContext context, Outcome outcome) {
    }

    public final List<Seen> statements = new CopyOnWriteArrayList<>();
    public final List<ConnectionContext> acquired = new CopyOnWriteArrayList<>();
    public final List<ConnectionContext> released = new CopyOnWriteArrayList<>();

    @Override
    public <T> T intercept(Chain<T> chain) {
        try {
            return chain.proceed();
        } finally {
            statements.add(new Seen(chain.context(), chain.outcome().orElse(null)));
        }
    }

    @Override
    public Connection acquire(ConnectionChain chain) {
        acquired.add(chain.context());
        return chain.proceed();
    }

    @Override
    public void released(ConnectionContext context, Duration held) {
        released.add(context);
    }

    /**
     * The contexts of the statements seen since the last call, leaving out Covet's own transaction control, in
     * order; forgets every statement seen so far.
     */
    public List<StatementContext> take() {
        List<StatementContext> out = new java.util.ArrayList<>();
        for (Seen s : statements) {
            if (s.context().kind() != StatementKind.TRANSACTION) {
                out.add(s.context());
            }
        }
        statements.clear();
        return out;
    }

    /** The statements of a kind, in order. */
    public List<Seen> of(StatementKind kind) {
        return statements.stream().filter(s -> s.context().kind() == kind).toList();
    }

    /** The last statement whose SQL contains {@code text}. */
    public Seen last(String text) {
        for (int i = statements.size() - 1; i >= 0; i--) {
            Seen s = statements.get(i);
            if (s.context().sql() != null && s.context().sql().contains(text)) {
                return s;
            }
        }
        throw new AssertionError("no statement containing '" + text + "' was seen; saw " + statements);
    }
}
