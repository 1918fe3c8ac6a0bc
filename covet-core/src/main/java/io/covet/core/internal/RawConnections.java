package io.covet.core.internal;

import io.covet.core.pipeline.StatementKind;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The connection a {@code Database.withConnection} callback gets when interceptors are registered: a thin
 * wrapper whose statements run through the pipeline as {@link StatementKind#RAW}, so migrations, backups and
 * other raw JDBC code are seen like every other statement. Everything else (metadata, {@code unwrap}, driver
 * APIs such as PostgreSQL's {@code CopyManager}) goes straight to the real connection; what is done through an
 * unwrapped driver connection is not seen. The caller gets the driver's own {@link SQLException}s, unchanged.
 * Only built when the pipeline is active, so raw callbacks cost nothing extra without interceptors.
 */
public final class RawConnections {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private RawConnections() {
    }

    /** {@code real} wrapped so its statements pass {@code exec}'s pipeline. */
    public static Connection wrap(Connection real, StatementExecutor exec) {
        return (Connection) Proxy.newProxyInstance(RawConnections.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new ConnectionHandler(real, exec));
    }

    /** The real connection behind {@code c} and the executor it reports to, when {@code c} came from {@link #wrap}. */
    public static Unwrapped unwrap(Connection c) {
        if (Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof ConnectionHandler h) {
            return new Unwrapped(h.real, h.exec);
        }
        return null;
    }

    /**
     * A wrapped connection taken apart.
     *
     * @param connection the driver's (pool's) connection
     * @param executor   the statement path of its database
     */
    public record Unwrapped(Connection connection, StatementExecutor executor) {
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class ConnectionHandler implements InvocationHandler {
        final Connection real;
        final StatementExecutor exec;

        ConnectionHandler(Connection real, StatementExecutor exec) {
            this.real = real;
            this.exec = exec;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (name.equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && args == null) {
                return System.identityHashCode(proxy);
            }
            Object result = RawConnections.invoke(real, m, args);
            if (result instanceof CallableStatement cs) {
                return statement(CallableStatement.class, cs, (String) args[0], proxy);
            }
            if (result instanceof PreparedStatement ps) {
                return statement(PreparedStatement.class, ps, (String) args[0], proxy);
            }
            if (result instanceof Statement st) {
                return statement(Statement.class, st, null, proxy);
            }
            return result;
        }

        private Object statement(Class<?> type, Statement st, String sql, Object connection) {
            return Proxy.newProxyInstance(RawConnections.class.getClassLoader(), new Class<?>[]{type},
                    new StatementHandler(st, sql, exec, connection));
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement real;
        private final String preparedSql;
        private final StatementExecutor exec;
        private final Object connection;
        private final List<Object> values = new ArrayList<>();
        private final List<List<Object>> batchRows = new ArrayList<>();
        private final List<String> batchSql = new ArrayList<>();

        StatementHandler(Statement real, String preparedSql, StatementExecutor exec, Object connection) {
            this.real = real;
            this.preparedSql = preparedSql;
            this.exec = exec;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            int n = args == null ? 0 : args.length;
            if (name.startsWith("set") && n >= 2 && m.getParameterTypes()[0] == int.class && preparedSql != null) {
                int index = (Integer) args[0];
                while (values.size() < index) {
                    values.add(null);
                }
                values.set(index - 1, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("clearParameters")) {
                values.clear();
            } else if (name.equals("addBatch")) {
                if (n == 1) {
                    batchSql.add((String) args[0]);
                } else {
                    batchRows.add(List.copyOf(Arrays.asList(values.toArray())));
                }
            } else if (name.equals("clearBatch")) {
                batchRows.clear();
                batchSql.clear();
            } else if (name.equals("getConnection") && n == 0) {
                return connection;
            } else if (name.equals("equals") && n == 1) {
                return proxy == args[0];
            } else if (name.equals("hashCode") && n == 0) {
                return System.identityHashCode(proxy);
            } else if (EXECUTE.contains(name)) {
                return execute(m, args, name);
            }
            return RawConnections.invoke(real, m, args);
        }

        private Object execute(Method m, Object[] args, String name) throws SQLException {
            boolean batch = name.endsWith("Batch");
            String sql;
            List<? extends List<?>> rows;
            if (args != null && args.length > 0 && args[0] instanceof String text) {
                sql = text;
                rows = List.of(List.of());
            } else if (batch && preparedSql == null) {
                sql = String.join(";\n", batchSql);
                rows = batchSql.stream().map(s -> List.of()).toList();
            } else {
                sql = preparedSql;
                rows = batch ? List.copyOf(batchRows) : List.of(Arrays.asList(values.toArray()));
            }
            if (batch) {
                batchRows.clear();
                batchSql.clear();
            }
            return exec.pipeline().runSql(exec.context(StatementKind.RAW, sql, List.of(), rows), () -> {
                try {
                    return m.invoke(real, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof SQLException se) {
                        throw se;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new SQLException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }, RawConnections::rowCount, e -> exec.translate(sql, e));
        }
    }

    private static long rowCount(Object result) {
        if (result instanceof Integer i) {
            return i;
        }
        if (result instanceof Long l) {
            return l;
        }
        if (result instanceof int[] counts) {
            return StatementExecutor.changed(counts);
        }
        if (result instanceof long[] counts) {
            long n = 0;
            for (long c : counts) {
                n += c < 0 ? 1 : c;
            }
            return n;
        }
        return -1;
    }
}
