package io.covet.cli.common;

/**
 * The exit codes of every {@code covet} command, stable for scripts.
 *
 * <ul>
 *   <li>0 — success</li>
 *   <li>1 — a check ran and found a problem (drift, a failed verification, pending changes)</li>
 *   <li>2 — bad usage or input: unknown option, malformed URL, invalid configuration</li>
 *   <li>3 — a runtime failure: unreachable server, database error</li>
 * </ul>
 */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** A check found a problem. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage or input. */
    public static final int USAGE = 2;
    /** A runtime failure. */
    public static final int FAILURE = 3;

    private ExitCode() {
    }
}
