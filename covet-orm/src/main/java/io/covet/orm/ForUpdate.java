package io.covet.orm;

import io.covet.orm.internal.RowLock;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@link QuerySet#selectForUpdate(ForUpdate)}, Django's {@code select_for_update(nowait=,
 * skip_locked=, of=)}: {@code ForUpdate.skipLocked()} leaves out rows another transaction holds,
 * {@code ForUpdate.noWait()} fails at once with {@code LockTimeout} instead of waiting, and {@link #of} locks only the
 * rows of the model itself ({@link #ofSelf()}) and/or of joined relations. What an engine lacks is refused with
 * {@link io.covet.core.error.UnsupportedFeature} when the query runs: SQLite has no row locks, MariaDB has no
 * {@code OF} (and {@code SKIP LOCKED} only from 10.6). Immutable.
 */
public final class ForUpdate {
    private final boolean skipLocked;
    private final boolean noWait;
    private final boolean self;
    private final List<Path<?, ?, ?>> of;

    private ForUpdate(boolean skipLocked, boolean noWait, boolean self, List<Path<?, ?, ?>> of) {
        this.skipLocked = skipLocked;
        this.noWait = noWait;
        this.self = self;
        this.of = List.copyOf(of);
    }

    /** Wait for locked rows, lock every table read: a plain {@code FOR UPDATE}. */
    public static ForUpdate waiting() {
        return new ForUpdate(false, false, false, List.of());
    }

    /** {@code FOR UPDATE SKIP LOCKED}: rows locked by another transaction are left out of the result. */
    public static ForUpdate skipLocked() {
        return new ForUpdate(true, false, false, List.of());
    }

    /** {@code FOR UPDATE NOWAIT}: a row locked by another transaction makes the read fail with {@code LockTimeout}. */
    public static ForUpdate noWait() {
        return new ForUpdate(false, true, false, List.of());
    }

    /** These options locking the model's own rows (Django's {@code of=("self",)}), with any {@link #of} paths. */
    public ForUpdate ofSelf() {
        return new ForUpdate(skipLocked, noWait, true, of);
    }

    /**
     * These options locking the rows of these joined relations ({@code selectRelated} or {@code join} paths), with
     * the model's own only if {@link #ofSelf()} says so: {@code FOR UPDATE OF …}. PostgreSQL only.
     */
    public ForUpdate of(Path<?, ?, ?>... paths) {
        List<Path<?, ?, ?>> all = new ArrayList<>(of);
        all.addAll(List.of(paths));
        return new ForUpdate(skipLocked, noWait, self, all);
    }

    RowLock toRowLock() {
        return new RowLock(skipLocked, noWait, self, of);
    }

    @Override
    public String toString() {
        return "ForUpdate[skipLocked=" + skipLocked + ", noWait=" + noWait + ", self=" + self + ", of=" + of + "]";
    }
}
