package io.covet.core.internal;

import io.covet.core.error.ConfigurationException;
import io.covet.core.resilience.ResilienceSettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code covet.databases.<name>.resilience.*} keys of {@code covet.properties} into
 * {@link ResilienceSettings}. Not an API.
 */
public final class ResilienceProperties {
    /** The keys after {@code resilience.}. */
    public static final List<String> KEYS = List.of("enabled", "circuit-breaker", "failure-rate-threshold",
            "minimum-calls", "sliding-window", "open-duration", "probe-query", "max-attempts", "initial-backoff",
            "backoff-multiplier", "jitter", "max-backoff", "retry-reads", "max-concurrent-statements",
            "bulkhead-wait", "read-only");

    private ResilienceProperties() {
    }

    /**
     * Builds the settings from {@code keys} (without the {@code resilience.} prefix); every problem is added to
     * {@code problems}, prefixed with the database's name.
     *
     * @param durations parses {@code 500ms}, {@code 5s}, ISO-8601
     * @return the settings, or empty when there were problems or {@code enabled=false}
     */
    public static Optional<ResilienceSettings> parse(String db, Map<String, String> keys,
                                                     Function<String, Optional<Duration>> durations,
                                                     List<String> problems) {
        int before = problems.size();
        ResilienceSettings d = ResilienceSettings.defaults();
        ResilienceSettings.Builder b = d.toBuilder();
        Duration[] backoff = {d.initialBackoff(), d.maxBackoff()};
        double[] shape = {d.backoffMultiplier(), d.jitter()};
        int[] bulkhead = {d.maxConcurrentStatements()};
        Duration[] bulkheadWait = {d.bulkheadWait()};
        boolean enabled = true;
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String v = e.getValue().strip();
            String where = "database '" + db + "': resilience." + key;
            switch (key) {
                case "enabled" -> enabled = bool(where, v, problems, true);
                case "circuit-breaker" -> b.circuitBreaker(bool(where, v, problems, true));
                case "failure-rate-threshold" -> b.failureRateThreshold(integer(where, v, problems));
                case "minimum-calls" -> b.minimumCalls(integer(where, v, problems));
                case "sliding-window" -> b.slidingWindow(integer(where, v, problems));
                case "open-duration" -> duration(where, v, durations, problems).ifPresent(b::openDuration);
                case "probe-query" -> b.probeQuery(v);
                case "max-attempts" -> b.maxAttempts(integer(where, v, problems));
                case "initial-backoff" -> duration(where, v, durations, problems).ifPresent(x -> backoff[0] = x);
                case "max-backoff" -> duration(where, v, durations, problems).ifPresent(x -> backoff[1] = x);
                case "backoff-multiplier" -> shape[0] = decimal(where, v, problems);
                case "jitter" -> shape[1] = decimal(where, v, problems);
                case "retry-reads" -> b.retryReads(bool(where, v, problems, true));
                case "max-concurrent-statements" -> bulkhead[0] = integer(where, v, problems);
                case "bulkhead-wait" -> duration(where, v, durations, problems).ifPresent(x -> bulkheadWait[0] = x);
                case "read-only" -> b.readOnly(bool(where, v, problems, false));
                default -> problems.add("database '" + db + "': unknown key 'resilience." + key + "'; known: resilience."
                        + String.join(", resilience.", KEYS));
            }
        }
        b.backoff(backoff[0], shape[0], shape[1], backoff[1]).bulkhead(bulkhead[0], bulkheadWait[0]);
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            ResilienceSettings settings = b.build();
            return enabled ? Optional.of(settings) : Optional.empty();
        } catch (ConfigurationException e) {
            e.problems().forEach(p -> problems.add("database '" + db + "': " + p));
            return Optional.empty();
        }
    }

    private static boolean bool(String where, String v, List<String> problems, boolean fallback) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        problems.add(where + " must be true or false, was '" + v + "'");
        return fallback;
    }

    private static int integer(String where, String v, List<String> problems) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add(where + " must be a whole number, was '" + v + "'");
            return 1;
        }
    }

    private static double decimal(String where, String v, List<String> problems) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            problems.add(where + " must be a number such as 2 or 0.5, was '" + v + "'");
            return 1;
        }
    }

    private static Optional<Duration> duration(String where, String v, Function<String, Optional<Duration>> durations,
                                               List<String> problems) {
        Optional<Duration> d = durations.apply(v);
        if (d.isEmpty()) {
            problems.add(where + " must be a duration such as 500ms, 5s or PT5S, was '" + v + "'");
        }
        return d;
    }
}
