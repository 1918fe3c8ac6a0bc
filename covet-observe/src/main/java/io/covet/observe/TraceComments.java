package io.covet.observe;

import io.covet.core.pipeline.Interceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * The SQL commenter: a connection whose prepared statements carry the current span as a trailing comment
 * {@code /*traceparent='00-<trace>-<span>-<flags>'*&#47;} (W3C trace context, as sqlcommenter writes it), so the
 * server's logs and {@code pg_stat_activity} show which trace ran the statement. Only statements that run inside a
 * sampled span get the comment. Every other method is passed to the real connection unchanged.
 *
 * <p>The comment makes each text unique, which is why it is off by default: PostgreSQL's driver then never reuses a
 * server-side prepared statement for the shape, and statement caches keyed by text stop hitting.
 */
final class TraceComments implements InvocationHandler {
    private final Connection target;

    private TraceComments(Connection target) {
        this.target = target;
    }

    /**
     * The interceptor that wraps each borrowed connection; installed only when the commenter is on, so that other
     * databases' borrows do not go through a connection chain at all.
     */
    static Interceptor interceptor(Hub hub) {
        return new Interceptor() {
            @Override
            public Connection acquire(ConnectionChain chain) {
                Connection c = chain.proceed();
                return hub.closed ? c : wrap(c);
            }
        };
    }

    static Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(TraceComments.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new TraceComments(c));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null && args.length > 0
                && args[0] instanceof String sql) {
            args[0] = comment(sql, Span.current().getSpanContext());
        } else if (name.equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
        } else if (name.equals("hashCode") && (args == null || args.length == 0)) {
            return System.identityHashCode(proxy);
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The text with the span's traceparent comment appended, or unchanged when the span is not sampled. */
    static String comment(String sql, SpanContext span) {
        if (!span.isValid() || !span.isSampled()) {
            return sql;
        }
        String body = sql.stripTrailing();
        // Before a final ';' (a comment after it would be a second statement on MariaDB) and on a new line (so a
        // trailing '--' comment of the statement does not swallow it).
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        return body + "\n/*traceparent='00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex() + "'*/";
    }
}
