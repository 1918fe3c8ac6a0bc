package io.covet.orm.internal;

import io.covet.orm.CloseableIterator;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * A query set's {@code iterator()}: instances read from a streaming cursor (as by {@code stream()}), so memory stays
 * constant however many rows match. With prefetchRelated, rows are taken in chunks and each chunk's relations are
 * loaded with one query per relation before the chunk is handed out (Django's {@code iterator(chunk_size)}).
 */
final class QueryIterator<T extends Entity> implements CloseableIterator<T> {
    /** Instances per prefetch chunk: one prefetch query per relation for this many rows. */
    static final int PREFETCH_CHUNK = 1_000;

    private final OrmRuntime orm;
    private final QuerySpec<T> qs;
    private final Stream<T> stream;
    private final Iterator<T> rows;
    private final List<T> chunk;
    private int next;
    private boolean closed;

    private QueryIterator(OrmRuntime orm, QuerySpec<T> qs, Stream<T> stream) {
        this.orm = orm;
        this.qs = qs;
        this.stream = stream;
        this.rows = stream.iterator();
        this.chunk = qs.prefetch().isEmpty() ? null : new ArrayList<>(PREFETCH_CHUNK);
    }

    /**
     * @throws OrmUsageException with prefetchRelated outside a transaction on a database whose pool has one
     *                           connection: the prefetch queries would wait for the connection the cursor holds
     */
    static <T extends Entity> QueryIterator<T> open(OrmRuntime orm, QuerySpec<T> qs) {
        if (!qs.prefetch().isEmpty()) {
            io.covet.core.Database d = orm.database(qs.database());
            if (d.currentTransaction().isEmpty() && d.config().maxPoolSize() < 2) {
                throw new OrmUsageException("iterator() with prefetchRelated needs a second connection for the "
                        + "prefetch queries while the cursor holds the first, and database '" + d.name() + "' has a "
                        + "pool of " + d.config().maxPoolSize() + ": iterate inside db.atomic(...) (one connection "
                        + "serves both), use list(), or raise maxPoolSize");
            }
        }
        return new QueryIterator<>(orm, qs, QueryReads.streamRows(orm, qs));
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        try {
            boolean more = chunk == null ? rows.hasNext() : next < chunk.size() || fill();
            if (!more) {
                close();
            }
            return more;
        } catch (RuntimeException | Error e) {
            closeAfter(e);
            throw e;
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the query set's rows are exhausted (or the iterator was closed)");
        }
        if (chunk != null) {
            T t = chunk.get(next);
            chunk.set(next++, null); // the caller may drop it: the chunk must not keep it alive
            return t;
        }
        try {
            return rows.next();
        } catch (RuntimeException | Error e) {
            closeAfter(e);
            throw e;
        }
    }

    /** Reads the next chunk and prefetches its relations; false when the cursor had no more rows. */
    private boolean fill() {
        chunk.clear();
        next = 0;
        while (chunk.size() < PREFETCH_CHUNK && rows.hasNext()) {
            chunk.add(rows.next());
        }
        if (chunk.isEmpty()) {
            return false;
        }
        Prefetcher.run(orm, qs.prefetch(), chunk, qs.asOf());
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (chunk != null) {
                chunk.clear();
            }
            stream.close();
        }
    }

    private void closeAfter(Throwable failure) {
        try {
            close();
        } catch (RuntimeException closing) {
            failure.addSuppressed(closing);
        }
    }
}
