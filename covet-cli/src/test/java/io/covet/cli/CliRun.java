package io.covet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code covet} command, for tests: its exit code and what it printed.
 *
 * @param exit the exit code
 * @param out  standard output
 * @param err  standard error
 */
public record CliRun(int exit, String out, String err) {

    /** Runs {@code covet args…} in this JVM. */
    public static CliRun covet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CovetCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The last line printed on standard output (e.g. the id {@code backup create} ends with). */
    public String lastLine() {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
