package io.covet.core.pipeline;

import io.covet.core.error.CovetException;

import java.time.Duration;
import java.util.Optional;

/**
 * What one execution of a statement did, as seen at the end of the chain: reported by
 * {@link Interceptor.Chain#outcome()} after {@code proceed()} returned or threw.
 *
 * @param rowCount rows read (QUERY), changed (UPDATE; for a BATCH the sum, a row the driver reports no count for
 *                 counting as 1) or loaded (BULK_LOAD); -1 when unknown (STREAM, whose rows are read later; RAW;
 *                 TRANSACTION)
 * @param duration from just before the connection was taken to just after the result was read (for a STREAM:
 *                 until the cursor was open)
 * @param failure  what the execution threw, or null; SQL errors arrive classified as {@link CovetException}s
 */
public record Outcome(long rowCount, Duration duration, Throwable failure) {
    /** Whether the execution completed without throwing. */
    public boolean succeeded() {
        return failure == null;
    }

    /** The failure as Covet's classified exception ({@code UniqueViolation}, {@code QueryTimeout}, …), if it is one. */
    public Optional<CovetException> error() {
        return failure instanceof CovetException c ? Optional.of(c) : Optional.empty();
    }
}
