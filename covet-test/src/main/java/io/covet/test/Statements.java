package io.covet.test;

import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.test.internal.Recorder;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Counts the statements a piece of code sends, like Django's {@code assertNumQueries}: every statement of the
 * {@link CovetTest} databases that passes Covet's pipeline while the code runs (on any thread), except the
 * transaction control Covet sends itself ({@code BEGIN}, {@code COMMIT}, savepoints). The failure message lists
 * each statement's SQL.
 *
 * <pre>{@code
 * Statements.assertStatements(2, () -> orm.objects(Order_.TYPE).prefetchRelated(Order_.LINES).list());
 * Statements.assertStatements(Operation.SELECT, 1, () -> service.checkout(cart));
 * }</pre>
 */
public final class Statements {
    private Statements() {
    }

    /** Code under count; may throw anything. */
    @FunctionalInterface
    public interface Work {
        /** Runs the code. */
        void run() throws Throwable;
    }

    /**
     * What ran while {@link #capture} ran its code.
     *
     * @param statements each statement's context (SQL as sent, kind, operation, tables), in order
     */
    public record Captured(List<StatementContext> statements) {
        /** Copies the list. */
        public Captured {
            statements = List.copyOf(statements);
        }

        /** How many statements ran. */
        public int count() {
            return statements.size();
        }

        /** How many statements of one operation (SELECT, INSERT, UPDATE, DELETE, DDL, OTHER) ran. */
        public int count(Operation operation) {
            return (int) statements.stream().filter(s -> s.operation() == operation).count();
        }

        /** How many statements that write (INSERT, UPDATE, DELETE) ran. */
        public int writes() {
            return (int) statements.stream().filter(Statements::isWrite).count();
        }

        /** The SQL of each statement, in order. */
        public List<String> sql() {
            return statements.stream().map(StatementContext::sql).toList();
        }

        @Override
        public String toString() {
            return statements.isEmpty() ? "(no statements)" : statements.stream()
                    .map(s -> "  " + s.sql()).collect(Collectors.joining("\n"));
        }
    }

    /**
     * Runs {@code work} and returns the statements it sent.
     *
     * @throws IllegalStateException outside a {@link CovetTest} test
     */
    public static Captured capture(Work work) {
        Recorder r = Recorder.current();
        Recorder.Capture c = r.start();
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("the counted code threw " + t, t);
        } finally {
            r.stop(c);
        }
        return new Captured(c.statements());
    }

    /**
     * Fails unless {@code work} sends exactly {@code expected} statements.
     *
     * @throws AssertionError listing the statements that ran
     */
    public static Captured assertStatements(int expected, Work work) {
        return check(expected, "statement(s)", s -> true, work);
    }

    /**
     * Fails unless {@code work} sends exactly {@code expected} statements of {@code operation} (others are
     * allowed and listed in the message).
     */
    public static Captured assertStatements(Operation operation, int expected, Work work) {
        return check(expected, operation + " statement(s)", s -> s.operation() == operation, work);
    }

    /** Fails unless {@code work} sends exactly {@code expected} INSERT, UPDATE or DELETE statements. */
    public static Captured assertWrites(int expected, Work work) {
        return check(expected, "write(s) (INSERT, UPDATE, DELETE)", Statements::isWrite, work);
    }

    private static Captured check(int expected, String what, Predicate<StatementContext> counted, Work work) {
        Captured c = capture(work);
        long n = c.statements().stream().filter(counted).count();
        if (n != expected) {
            throw new AssertionError("expected " + expected + " " + what + " but " + n + " ran:\n" + c);
        }
        return c;
    }

    private static boolean isWrite(StatementContext s) {
        return s.kind() != StatementKind.TRANSACTION && (s.operation() == Operation.INSERT
                || s.operation() == Operation.UPDATE || s.operation() == Operation.DELETE);
    }
}
