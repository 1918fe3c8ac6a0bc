package io.covet.core.pool;

import java.time.Duration;
import java.util.List;

/**
 * A connection held longer than the leak threshold.
 *
 * @param thread the name of the thread that took it
 * @param held   how long it had been held when reported
 * @param stack  the stack of the caller that took it, innermost first (Covet's own frames removed)
 */
public record LeakReport(String thread, Duration held, List<StackTraceElement> stack) {
    /** Copies the stack. */
    public LeakReport {
        stack = List.copyOf(stack);
    }
}
