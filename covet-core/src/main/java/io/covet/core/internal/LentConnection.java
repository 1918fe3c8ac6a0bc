package io.covet.core.internal;

import io.covet.core.pool.EvictionReason;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * The handler of a connection a {@link ManagedPool} lends when it must see the connection come back (check-in
 * hooks, shrinking, lease tracking): every call goes to HikariCP's connection, except {@code close()}, which
 * checks the connection in once.
 */
final class LentConnection implements InvocationHandler {
    /** The proxy class's constructor, looked up once: {@code Proxy.newProxyInstance} per check-out costs microseconds. */
    private static final MethodHandle LENT;

    static {
        Object sample = Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> null);
        try {
            LENT = MethodHandles.publicLookup()
                    .findConstructor(sample.getClass(), MethodType.methodType(void.class,
                            InvocationHandler.class))
                    .asType(MethodType.methodType(Connection.class, InvocationHandler.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Connection lend(Connection c, PooledConnection pc, ManagedPool pool) {
        try {
            return (Connection) LENT.invokeExact((InvocationHandler) new LentConnection(c, pc, pool));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the proxy of a lent connection", e);
        }
    }

    private final Connection c;
    private final PooledConnection pc;
    private final ManagedPool pool;
    private boolean returned;

    private LentConnection(Connection c, PooledConnection pc, ManagedPool pool) {
        this.c = c;
        this.pc = pc;
        this.pool = pool;
    }

    synchronized void evict() {
        if (!returned) {
            returned = true;
            pool.evict(c, pc, EvictionReason.EVICTED);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                synchronized (this) {
                    if (!returned) {
                        returned = true;
                        pool.checkin(c, pc);
                    }
                }
                return null;
            }
            case "isClosed" -> {
                synchronized (this) {
                    if (returned) {
                        return true;
                    }
                }
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "covet-lent:" + c;
            }
            default -> {
            }
        }
        try {
            return method.invoke(c, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
