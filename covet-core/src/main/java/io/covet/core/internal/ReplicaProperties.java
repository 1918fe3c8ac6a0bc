package io.covet.core.internal;

import io.covet.core.error.ConfigurationException;
import io.covet.core.replica.Consistency;
import io.covet.core.replica.ReplicaConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code covet.databases.<name>.replicas=url1,url2} and the {@code replica.*} keys of
 * {@code covet.properties} into a {@link ReplicaConfig}. Not an API.
 *
 * <p>{@code replica.weights} and {@code replica.max-lags} are lists in the order of the URLs;
 * {@code replica.max-lag} is the maximum lag of every replica without its own.
 */
public final class ReplicaProperties {
    /** The keys after {@code replica.}. */
    public static final List<String> KEYS = List.of("weights", "max-lag", "max-lags", "balancing", "fallback",
            "lag-check-interval", "role-check-interval", "heartbeat", "read-your-writes-timeout", "acquire-timeout", "consistency");

    private ReplicaProperties() {
    }

    /**
     * Builds the configuration; every problem is added to {@code problems}, prefixed with the database's name.
     *
     * @param urls the {@code replicas} value, or null when only {@code replica.*} keys were given
     * @return the configuration, or empty when there were problems
     */
    public static Optional<ReplicaConfig> parse(String db, String urls, Map<String, String> keys,
                                                Function<String, Optional<Duration>> durations,
                                                List<String> problems) {
        int before = problems.size();
        String p = "database '" + db + "': ";
        if (urls == null) {
            problems.add(p + "replica." + keys.keySet().iterator().next() + " is set but replicas (the replica URLs) "
                    + "is not: add replicas=url1,url2 or remove the replica.* keys");
            return Optional.empty();
        }
        List<String> list = split(urls);
        List<String> weights = split(keys.getOrDefault("weights", ""));
        List<String> lags = split(keys.getOrDefault("max-lags", ""));
        if (!weights.isEmpty() && weights.size() != list.size()) {
            problems.add(p + "replica.weights has " + weights.size() + " value(s) for " + list.size()
                    + " replica(s): give one weight per URL, in the same order");
        }
        if (!lags.isEmpty() && lags.size() != list.size()) {
            problems.add(p + "replica.max-lags has " + lags.size() + " value(s) for " + list.size()
                    + " replica(s): give one per URL, in the same order");
        }
        ReplicaConfig.Builder b = ReplicaConfig.builder();
        for (int i = 0; i < list.size(); i++) {
            int weight = 1;
            if (i < weights.size() && weights.size() == list.size()) {
                try {
                    weight = Integer.parseInt(weights.get(i));
                } catch (NumberFormatException e) {
                    problems.add(p + "replica.weights: '" + weights.get(i) + "' is not a whole number");
                }
            }
            Duration lag = i < lags.size() && lags.size() == list.size()
                    ? duration(p, "max-lags", lags.get(i), durations, problems) : null;
            b.replica(list.get(i), weight, lag);
        }
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String v = e.getValue().strip();
            switch (e.getKey()) {
                case "weights", "max-lags" -> {
                }
                case "max-lag" -> optional(duration(p, e.getKey(), v, durations, problems)).ifPresent(b::maxLag);
                case "lag-check-interval" -> optional(duration(p, e.getKey(), v, durations, problems))
                        .ifPresent(b::lagCheckInterval);
                case "role-check-interval" -> optional(duration(p, e.getKey(), v, durations, problems))
                        .ifPresent(b::roleCheckInterval);
                case "read-your-writes-timeout" -> optional(duration(p, e.getKey(), v, durations, problems))
                        .ifPresent(b::readYourWritesTimeout);
                case "acquire-timeout" -> optional(duration(p, e.getKey(), v, durations, problems))
                        .ifPresent(b::acquireTimeout);
                case "balancing" -> enumValue(p, e.getKey(), v, ReplicaConfig.Balancing.class, problems)
                        .ifPresent(b::balancing);
                case "fallback" -> enumValue(p, e.getKey(), v, ReplicaConfig.Fallback.class, problems)
                        .ifPresent(b::fallback);
                case "heartbeat" -> {
                    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")) {
                        b.heartbeat(true);
                    } else if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off")) {
                        b.heartbeat(false);
                    } else {
                        problems.add(p + "replica.heartbeat must be true or false, was '" + v + "'");
                    }
                }
                case "consistency" -> {
                    if (v.equalsIgnoreCase("eventual")) {
                        b.defaultConsistency(Consistency.EVENTUAL);
                    } else if (v.equalsIgnoreCase("read-your-writes")) {
                        b.defaultConsistency(Consistency.READ_YOUR_WRITES);
                    } else {
                        problems.add(p + "replica.consistency must be eventual or read-your-writes, was '" + v + "'");
                    }
                }
                default -> problems.add(p + "unknown key 'replica." + e.getKey() + "'; known keys are replica."
                        + String.join(", replica.", KEYS));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(b.build());
        } catch (ConfigurationException e) {
            e.problems().forEach(x -> problems.add(p + "replicas: " + x));
            return Optional.empty();
        }
    }

    private static Optional<Duration> optional(Duration d) {
        return Optional.ofNullable(d);
    }

    private static Duration duration(String p, String key, String v, Function<String, Optional<Duration>> durations,
                                     List<String> problems) {
        Optional<Duration> d = durations.apply(v);
        if (d.isEmpty()) {
            problems.add(p + "replica." + key + " must be a duration such as 500ms, 5s or PT5S, was '" + v + "'");
        }
        return d.orElse(null);
    }

    private static <E extends Enum<E>> Optional<E> enumValue(String p, String key, String v, Class<E> type,
                                                            List<String> problems) {
        try {
            return Optional.of(Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            problems.add(p + "replica." + key + " must be one of " + String.join(", ", names) + ", was '" + v + "'");
            return Optional.empty();
        }
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
