package io.covet.orm;

import java.util.Iterator;

/**
 * An iterator over a live database cursor, returned by {@link QuerySet#iterator()}. It holds a connection (and on
 * PostgreSQL a read transaction) until it is closed. It closes itself when {@link #hasNext()} returns false and
 * when reading a row fails; a loop that may stop early must close it, best with try-with-resources:
 *
 * <pre>{@code
 * try (CloseableIterator<Order> it = orm.objects(Order_.TYPE).iterator()) {
 *     while (it.hasNext()) {
 *         Order o = it.next();
 *         if (done(o)) break;          // close() returns the connection
 *     }
 * }
 * }</pre>
 *
 * A plain {@code for (Order o : querySet)} loop is safe only when it runs to the end: a {@code break}, {@code return}
 * or exception in the loop body leaves the connection borrowed until the pool's leak detection or the application
 * ends. Not thread-safe.
 *
 * @param <T> the element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Releases the cursor and its connection; idempotent. {@link #hasNext()} is false afterwards. */
    @Override
    void close();
}
