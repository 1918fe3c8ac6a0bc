package io.covet.cli.observe;

import io.covet.core.Database;
import io.covet.core.error.ConfigurationException;
import io.covet.core.error.CovetException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A workload file for {@code covet stats --workload} and {@code covet serve --workload}: SQL statements, each ended
 * by {@code ;} at the end of a line, {@code --} comments ignored. Statements before a line {@code -- covet:repeat}
 * are the setup and run once; those after it run on every repetition (without the marker, every statement
 * repeats). A statement that fails is counted and the workload goes on, since errors are part of what it measures.
 *
 * @param path    where it was read from
 * @param setup   the statements run once
 * @param repeated the statements run on every repetition
 */
public record WorkloadFile(Path path, List<String> setup, List<String> repeated) {
    static final String REPEAT_MARKER = "-- covet:repeat";

    /** Copies the lists. */
    public WorkloadFile {
        setup = List.copyOf(setup);
        repeated = List.copyOf(repeated);
    }

    /**
     * Reads a workload file.
     *
     * @throws ConfigurationException (exit 2) when the file is missing, unreadable or has no statement to repeat
     */
    public static WorkloadFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("workload file " + path + " does not exist; check the path");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read workload file " + path + ": " + e.getMessage());
        }
        List<String> setup = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        List<String> target = repeated;
        boolean marker = text.lines().anyMatch(l -> l.strip().equals(REPEAT_MARKER));
        if (marker) {
            target = setup;
        }
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.equals(REPEAT_MARKER)) {
                add(target, current);
                target = repeated;
                continue;
            }
            if (stripped.startsWith("--") || stripped.isEmpty()) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(line);
            if (stripped.endsWith(";")) {
                add(target, current);
            }
        }
        add(target, current);
        if (repeated.isEmpty()) {
            throw new ConfigurationException("workload file " + path + " has no statement to repeat"
                    + (marker ? " after its '" + REPEAT_MARKER + "' line" : "")
                    + ": end each statement with ; at the end of a line");
        }
        return new WorkloadFile(path, setup, repeated);
    }

    private static void add(List<String> target, StringBuilder current) {
        String s = current.toString().strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (!s.isEmpty()) {
            target.add(s);
        }
        current.setLength(0);
    }

    /**
     * Runs the setup once, then the repeated statements {@code times} times; queries are read to the end.
     *
     * @return how many statements failed
     */
    public long run(Database db, int times, PrintWriter err) {
        long failed = runAll(db, setup, err, 0);
        for (int i = 0; i < times && !Thread.currentThread().isInterrupted(); i++) {
            failed = runAll(db, repeated, err, failed);
        }
        return failed;
    }

    private static long runAll(Database db, List<String> statements, PrintWriter err, long failedSoFar) {
        long failed = failedSoFar;
        for (String sql : statements) {
            try {
                if (isQuery(sql)) {
                    db.sql(sql).list(rs -> null);
                } else {
                    db.sql(sql).execute();
                }
            } catch (CovetException e) {
                if (failed++ == 0) {
                    String m = e.getMessage();
                    int nl = m == null ? -1 : m.indexOf('\n');
                    err.println("covet: a workload statement failed (counted; the workload goes on): "
                            + (nl < 0 ? m : m.substring(0, nl)));
                }
            }
        }
        return failed;
    }

    /** Whether the statement returns rows (read with a result set) rather than a count. */
    static boolean isQuery(String sql) {
        String first = sql.strip().split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        return switch (first) {
            case "SELECT", "WITH", "VALUES", "SHOW", "EXPLAIN", "PRAGMA", "TABLE" -> true;
            default -> false;
        };
    }
}
