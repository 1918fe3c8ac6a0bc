package io.covet.cli.common;

import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A progress bar for long commands, drawn on standard error only when standard error is a terminal (so a script
 * that captures or redirects it, and {@code --json} output, never sees one); otherwise nothing. Drawn by
 * {@code me.tongfei:progressbar}. {@code COVET_PROGRESS=never} turns it off, {@code always} forces it.
 * Thread-safe.
 */
public final class TerminalProgress implements AutoCloseable {
    private static final TerminalProgress NONE = new TerminalProgress(null);

    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A bar for {@code task} with {@code total} steps (-1: unknown yet), or a no-op one when stderr is not a
     * terminal or {@code quiet} (e.g. {@code --json}) is set.
     */
    public static TerminalProgress start(String task, long total, boolean quiet) {
        if (quiet || !stderrIsTerminal()) {
            return NONE;
        }
        return new TerminalProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new InteractiveConsoleProgressBarConsumer(System.err)).build());
    }

    /** Moves the bar to {@code done} of {@code total} (total -1 keeps the known maximum). */
    public void update(long done, long total) {
        if (bar != null) {
            synchronized (bar) {
                if (total >= 0 && total != bar.getMax()) {
                    bar.maxHint(total);
                }
                bar.stepTo(done);
            }
        }
    }

    /** Shows a short note beside the bar (e.g. the current table). */
    public void note(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
    }

    /** Whether a bar is drawn. */
    public boolean visible() {
        return bar != null;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * Whether standard error is an interactive terminal: on Linux, whether file descriptor 2 is a tty device;
     * elsewhere, whether the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** Whether standard output is an interactive terminal (same test as for standard error). */
    public static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    private static boolean isTerminal(int fdNumber) {
        String forced = System.getenv("COVET_PROGRESS");
        if (forced != null) {
            switch (forced.strip().toLowerCase(Locale.ROOT)) {
                case "never", "0", "false" -> {
                    return false;
                }
                case "always", "1", "true" -> {
                    return true;
                }
                default -> {
                }
            }
        }
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/" + fdNumber);
        if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
