package io.covet.core.tx;

import java.time.Duration;

/**
 * Told about each outermost transaction block of a database ({@code Database.atomic} and friends, a
 * {@code REQUIRES_NEW} block included; blocks that join a transaction are part of it): when it starts, each
 * attempt, each retry, and how it ended. Registered with {@code DatabaseConfig.Builder.transactionListener}.
 * Observability uses it for a span per block with retries as events.
 *
 * <p>Every call happens on the thread running the block, in order: {@link #started}, then per attempt
 * {@link Block#attempt}, {@link Block#retrying} between attempts, and exactly one {@link Block#ended}, even when
 * the block throws. Statements of the block run between {@code started} and {@code ended} on that thread, so a
 * listener may make something current for them (e.g. a tracing span) and undo it in {@code ended}. Keep it quick;
 * an exception a listener throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface TransactionListener {
    /**
     * An outermost block is about to begin its first attempt.
     *
     * @param database the database's name
     * @param options  the block's options (its name, isolation, retry policy)
     * @return what to tell about this block from now on; {@link Block#NONE} to ignore it
     */
    Block started(String database, TxOptions options);

    /** The rest of one block's life. */
    interface Block {
        /** Ignores everything. */
        Block NONE = new Block() {
        };

        /**
         * An attempt began (its transaction is open).
         *
         * @param transaction the attempt's transaction (its {@link Transaction#attempt()} counts from 1)
         */
        default void attempt(Transaction transaction) {
        }

        /**
         * The attempt failed in a way the retry policy retries; the block runs again after {@code pause}.
         *
         * @param attempt the attempt that failed, from 1
         * @param failure why
         * @param pause   the pause before the next attempt
         */
        default void retrying(int attempt, Throwable failure, Duration pause) {
        }

        /**
         * The block is over.
         *
         * @param committed whether its last attempt committed
         * @param failure   what the block throws to its caller, or null (also null when the work asked for a
         *                  rollback with {@code setRollbackOnly})
         */
        default void ended(boolean committed, Throwable failure) {
        }
    }
}
