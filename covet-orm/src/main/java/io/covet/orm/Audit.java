package io.covet.orm;

import io.covet.core.Database;
import io.covet.schema.HistoryTriggers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who changed a {@link History} model and why: {@link #as} runs a unit of work in one transaction whose every
 * write, through the ORM, raw SQL on that transaction or a bulk statement, is recorded by the history triggers
 * with that user and reason and one changeset id.
 *
 * <p>Attribution needs {@code Audit.as} (or {@link #run}, which takes the user from {@link #current()}): it opens
 * (or joins) a transaction, makes the user and reason its first statement, and removes them in a {@code finally}
 * before the transaction ends, so a pooled connection never carries them to its next borrower. Per engine:
 * PostgreSQL, transaction-local settings ({@code set_config(…, true)}); MariaDB, session variables set at the start
 * and cleared at the end of the work; SQLite, a one-row table written and emptied inside the transaction. A write
 * made outside {@code Audit.as} is still recorded, with no user and no reason.
 *
 * <p>Nested calls on one thread: the inner user and reason apply to the inner work, and the outer ones apply again
 * after it; all share the outermost call's changeset id. Several updates of one row in one unit of work make one
 * version (the triggers rewrite the version the unit wrote), attributed to the last of them.
 */
public final class Audit {
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();
    private static volatile Supplier<Actor> supplier = () -> null;

    private Audit() {
    }

    /**
     * A user and a reason.
     *
     * @param user   who makes the change (null for unknown)
     * @param reason why (null for none)
     */
    public record Actor(String user, String reason) {
    }

    /** Work whose writes are attributed. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        /** Does the work. */
        T run() throws X;
    }

    private record Context(Actor actor, String changeset) {
    }

    /**
     * Sets where {@link #current()} and {@link #run} find the user outside {@link #as}, e.g. the signed-in user
     * of the web request being handled; it may return null. Replaces the previous supplier.
     */
    public static void currentUserSupplier(Supplier<Actor> s) {
        supplier = Objects.requireNonNull(s, "supplier");
    }

    private static volatile boolean required;

    /**
     * Sets the attribution policy for every {@link History} model of this JVM: when {@code true}, an ORM write to
     * a tracked model (save, delete, {@code QuerySet} update, delete, bulk create/update/load, get-or-create) that
     * does not run inside {@link #as} (or {@link #run}) with a non-null user is refused with an
     * {@link OrmUsageException} before any statement is sent. Raw SQL is not checked (the triggers still record it,
     * unattributed). Off by default.
     */
    public static void requireAttribution(boolean on) {
        required = on;
    }

    /** Whether {@link #requireAttribution} is on. */
    public static boolean attributionRequired() {
        return required;
    }

    /** Whether this thread runs inside {@link #as} (or {@link #run}) with a non-null user. */
    public static boolean attributed() {
        Context c = CURRENT.get();
        return c != null && c.actor().user() != null;
    }

    /** The actor of the innermost {@link #as} running on this thread, else what the supplier gives. */
    public static Optional<Actor> current() {
        Context c = CURRENT.get();
        return c != null ? Optional.of(c.actor()) : Optional.ofNullable(supplier.get());
    }

    /**
     * The changeset id of the outermost {@link #as} running on this thread (shared by nested calls), if any: what
     * the history records as the unit of work on MariaDB and SQLite.
     */
    public static Optional<String> currentChangeset() {
        Context c = CURRENT.get();
        return c == null ? Optional.empty() : Optional.of(c.changeset());
    }

    /** {@link #as(Database, String, String, Work)} on the ORM's database. */
    public static <T, X extends Exception> T as(Orm orm, String user, String reason, Work<T, X> work) throws X {
        return as(orm.database(), user, reason, work);
    }

    /**
     * Runs {@code work} in a transaction of {@code db} (joining the current one, if any) whose writes to tracked
     * tables record {@code user} and {@code reason}. The work may run more than once when the transaction is
     * retried (see {@link Database#atomic}).
     *
     * @throws X what the work throws, after the transaction rolled back
     */
    public static <T, X extends Exception> T as(Database db, String user, String reason, Work<T, X> work) throws X {
        Objects.requireNonNull(work, "work");
        HistoryTriggers sql = HistoryTriggers.of(db.dialect());
        Context outer = CURRENT.get();
        // a nested call joins the outer transaction, so it keeps its changeset: one unit of work, one version per row
        Context mine = new Context(new Actor(user, reason), outer != null ? outer.changeset()
                : UUID.randomUUID().toString());
        CURRENT.set(mine);
        try {
            return db.atomic(tx -> {
                set(db, sql, mine);
                boolean ok = false;
                try {
                    T out = work.run();
                    ok = true;
                    return out;
                } finally {
                    restore(db, sql, outer, ok);
                }
            });
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** {@link #as} with the user and reason of {@link #current()} (none when it is empty). */
    public static <T, X extends Exception> T run(Database db, Work<T, X> work) throws X {
        Actor a = current().orElse(new Actor(null, null));
        return as(db, a.user(), a.reason(), work);
    }

    private static void set(Database db, HistoryTriggers sql, Context c) {
        for (String s : sql.setContext()) {
            List<Object> params = new ArrayList<>();
            Object[] all = {c.actor().user(), c.actor().reason(), c.changeset()};
            long n = s.chars().filter(ch -> ch == '?').count();
            for (int i = 0; i < n; i++) {
                params.add(all[i]);
            }
            runStatement(db, s, params);
        }
    }

    /** Back to the outer context, or to none; after a failed work a failure here must not hide the work's. */
    private static void restore(Database db, HistoryTriggers sql, Context outer, boolean workSucceeded) {
        try {
            if (outer != null) {
                set(db, sql, outer);
            } else {
                sql.clearContext().forEach(s -> runStatement(db, s, List.of()));
            }
        } catch (RuntimeException e) {
            if (workSucceeded) {
                throw e;
            }
            // the transaction is rolling back: PostgreSQL and SQLite drop the context with it; MariaDB's clear
            // fails only on a broken connection, which the pool discards
        }
    }

    private static void runStatement(Database db, String s, List<Object> params) {
        if (s.startsWith("SELECT")) {
            db.sql(s, params).list();
        } else {
            db.sql(s, params).execute();
        }
    }
}
