package io.covet.cli.backup;

import io.covet.backup.BackupException;
import io.covet.cli.common.ExitCode;
import io.covet.cli.common.JsonOut;
import io.covet.cli.common.TerminalProgress;

import java.io.PrintWriter;
import java.util.Locale;

/** Shared output helpers: one-line errors with their exit codes, JSON, a terminal progress bar. */
final class Output {
    private Output() {
    }

    /** A backup as a JSON-ready map. */
    static java.util.Map<String, Object> map(io.covet.backup.BackupInfo b) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", b.id());
        m.put("createdAt", b.createdAt() == null ? null : b.createdAt().toString());
        m.put("engine", b.engine());
        m.put("serverVersion", b.serverVersion());
        m.put("tables", b.tables());
        m.put("rows", b.rows());
        m.put("storedBytes", b.storedBytes());
        m.put("encrypted", b.encrypted());
        m.put("complete", b.complete());
        return m;
    }

    /** One JSON line ({@link JsonOut}, shared by every command's --json). */
    static String json(Object value) {
        return JsonOut.write(value);
    }

    /**
     * Prints a backup failure as one line and returns its exit code: 2 for anything about the input (unknown id,
     * damaged backup, wrong or missing key, non-empty target, bad option), 3 when storage failed.
     */
    static int fail(PrintWriter err, BackupException e) {
        String m = e.getMessage();
        int nl = m.indexOf('\n');
        err.println("covet: " + (nl < 0 ? m : m.substring(0, nl)));
        err.flush();
        return e.reason() == BackupException.Reason.STORAGE ? ExitCode.FAILURE : ExitCode.USAGE;
    }

    /** Human-readable bytes. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * Progress: a bar on standard error when it is a terminal ({@link TerminalProgress}), plain lines on
     * {@code out} otherwise, nothing in JSON mode.
     */
    static final class Progress {
        private final PrintWriter out;
        private final TerminalProgress bar;
        private final boolean quiet;

        Progress(PrintWriter out, boolean quiet) {
            this.out = out;
            this.quiet = quiet;
            this.bar = TerminalProgress.start("backup", -1, quiet);
        }

        synchronized void update(String table, int index, int count, long rows) {
            if (quiet) {
                return;
            }
            if (bar.visible()) {
                bar.update(index + 1, count);
                bar.note(String.format(Locale.ROOT, "%s: %,d rows", table, rows));
            } else {
                out.printf(Locale.ROOT, "table %d/%d %s: %d rows%n", index + 1, count, table, rows);
            }
        }

        synchronized void done() {
            bar.close();
        }
    }
}
