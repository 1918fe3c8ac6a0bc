package io.covet.observe;

import io.covet.core.error.ConfigurationException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The observability settings of one database: the builder's defaults with the database's own keys applied. */
record Settings(boolean tracing, int maxTaggedShapes, int maxShapes, Duration slowQueryThreshold,
                Duration slowLogInterval, boolean showValues, boolean explainSlow, boolean sqlCommenter,
                NPlusOneMode nPlusOne, int nPlusOneThreshold, int recentCapacity) {

    static final List<String> KEYS = List.of("slow-query-threshold", "observe.max-tagged-shapes",
            "observe.max-shapes", "observe.show-values", "observe.explain-slow", "observe.sql-commenter",
            "observe.tracing", "observe.n-plus-one", "observe.n-plus-one-threshold", "observe.slow-log-interval",
            "observe.recent-capacity");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    Settings(Observability.Builder b) {
        this(b.openTelemetry != null, b.maxTaggedShapes, b.maxShapes, b.slowQueryThreshold, b.slowLogInterval,
                b.showValues, b.explainSlow, b.sqlCommenter, b.nPlusOne, b.nPlusOneThreshold, b.recentCapacity);
    }

    static List<String> check(Observability.Builder b) {
        List<String> problems = new ArrayList<>();
        check(new Settings(b), b.openTelemetry != null, problems, "");
        return problems;
    }

    private static void check(Settings s, boolean tracingAvailable, List<String> problems, String where) {
        if (s.maxTaggedShapes < 1) {
            problems.add(where + "maxTaggedShapes must be at least 1, was " + s.maxTaggedShapes);
        }
        if (s.maxShapes < s.maxTaggedShapes) {
            problems.add(where + "maxShapes (" + s.maxShapes + ") must be at least maxTaggedShapes ("
                    + s.maxTaggedShapes + ")");
        }
        if (s.slowQueryThreshold == null || s.slowQueryThreshold.isNegative()) {
            problems.add(where + "slowQueryThreshold must be zero (off) or positive, was " + s.slowQueryThreshold);
        }
        if (s.slowLogInterval == null || s.slowLogInterval.isNegative()) {
            problems.add(where + "slowLogInterval must be zero or positive, was " + s.slowLogInterval);
        }
        if (s.nPlusOneThreshold < 2) {
            problems.add(where + "nPlusOneThreshold must be at least 2, was " + s.nPlusOneThreshold);
        }
        if (s.recentCapacity < 1) {
            problems.add(where + "recentCapacity must be at least 1, was " + s.recentCapacity);
        }
        if (s.sqlCommenter && !s.tracing) {
            problems.add(where + "sqlCommenter needs tracing: give an OpenTelemetry instance to tracing(…)");
        }
        if (s.tracing && !tracingAvailable) {
            problems.add(where + "observe.tracing=true needs an OpenTelemetry instance: give one to "
                    + "Observability.builder().tracing(…)");
        }
    }

    /**
     * These settings with a database's own keys applied.
     *
     * @throws ConfigurationException naming every unknown or malformed key
     */
    Settings with(String database, Map<String, String> keys) {
        if (keys.isEmpty()) {
            return this;
        }
        List<String> problems = new ArrayList<>();
        boolean tr = tracing;
        int tagged = maxTaggedShapes;
        int shapes = maxShapes;
        Duration slow = slowQueryThreshold;
        Duration interval = slowLogInterval;
        boolean values = showValues;
        boolean explain = explainSlow;
        boolean commenter = sqlCommenter;
        NPlusOneMode mode = nPlusOne;
        int threshold = nPlusOneThreshold;
        int recent = recentCapacity;
        String prefix = "covet.databases." + database + ".";
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String v = e.getValue().strip();
            String full = prefix + key;
            switch (key) {
                case "slow-query-threshold" -> slow = duration(full, v, slow, problems);
                case "observe.slow-log-interval" -> interval = duration(full, v, interval, problems);
                case "observe.max-tagged-shapes" -> tagged = integer(full, v, tagged, problems);
                case "observe.max-shapes" -> shapes = integer(full, v, shapes, problems);
                case "observe.n-plus-one-threshold" -> threshold = integer(full, v, threshold, problems);
                case "observe.recent-capacity" -> recent = integer(full, v, recent, problems);
                case "observe.show-values" -> values = bool(full, v, values, problems);
                case "observe.explain-slow" -> explain = bool(full, v, explain, problems);
                case "observe.sql-commenter" -> commenter = bool(full, v, commenter, problems);
                case "observe.tracing" -> tr = bool(full, v, tr, problems);
                case "observe.n-plus-one" -> {
                    try {
                        mode = NPlusOneMode.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException ex) {
                        problems.add("setting '" + full + "' must be off, warn or strict, was '" + v + "'");
                    }
                }
                default -> problems.add("unknown observability setting '" + full + "'; known keys are "
                        + String.join(", ", KEYS));
            }
        }
        Settings s = new Settings(tr, tagged, shapes, slow, interval, values, explain, commenter, mode, threshold,
                recent);
        if (problems.isEmpty()) {
            check(s, tracing || !tr, problems, "database '" + database + "': ");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return s;
    }

    private static Duration duration(String key, String v, Duration old, List<String> problems) {
        Matcher m = SHORT_DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            problems.add("setting '" + key + "' must be a duration such as 500ms, 5s or PT0.5S, was '" + v + "'");
            return old;
        }
    }

    private static int integer(String key, String v, int old, List<String> problems) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add("setting '" + key + "' must be a whole number, was '" + v + "'");
            return old;
        }
    }

    private static boolean bool(String key, String v, boolean old, List<String> problems) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        problems.add("setting '" + key + "' must be true or false, was '" + v + "'");
        return old;
    }
}
