package io.covet.core;

import io.covet.core.error.ConfigurationException;
import io.covet.core.pool.PoolSettings;
import io.covet.core.pool.SizingPolicy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code covet.databases.<name>.pool.*} keys of {@code covet.properties}, turned into {@link PoolSettings}.
 * Hooks given in a file are SQL: {@code pool.on-connect} (statements separated by {@code ;}),
 * {@code pool.on-checkout} and {@code pool.on-checkin}; Java hooks are set in code.
 */
final class PoolProperties {
    static final List<String> KEYS = List.of("max-size", "min-idle", "acquire-timeout", "max-lifetime",
            "idle-timeout", "keepalive", "alive-bypass-window", "leak-threshold", "exhaustion-window",
            "high-usage-ratio", "monitor-interval", "sizing", "sizing.ceiling", "sizing.step",
            "sizing.pending-threshold", "sizing.grow-after", "sizing.shrink-after", "sizing.extra");
    static final List<String> HOOKS = List.of("on-connect", "on-checkout", "on-checkin");

    private PoolProperties() {
    }

    static void apply(String db, Map<String, String> keys, DatabaseConfig.Builder target, List<String> problems) {
        PoolSettings.Builder p = PoolSettings.builder();
        String prefix = "database '" + db + "': pool.";
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String v = e.getValue().strip();
            if (key.startsWith("on-") && !HOOKS.contains(key)) {
                problems.add(prefix + key + " is not a hook: hooks are " + String.join(", ", HOOKS)
                        + " (SQL; Java hooks are set with PoolSettings.Builder)");
                continue;
            }
            if (key.startsWith("sizing.") || key.equals("sizing")) {
                continue;
            }
            switch (key) {
                case "max-size" -> integer(prefix, key, v, problems).ifPresent(p::maxSize);
                case "min-idle" -> integer(prefix, key, v, problems).ifPresent(p::minIdle);
                case "acquire-timeout" -> duration(prefix, key, v, problems).ifPresent(p::acquireTimeout);
                case "max-lifetime" -> duration(prefix, key, v, problems).ifPresent(p::maxLifetime);
                case "idle-timeout" -> duration(prefix, key, v, problems).ifPresent(p::idleTimeout);
                case "keepalive" -> duration(prefix, key, v, problems).ifPresent(p::keepalive);
                case "alive-bypass-window" -> duration(prefix, key, v, problems).ifPresent(p::aliveBypassWindow);
                case "leak-threshold" -> duration(prefix, key, v, problems).ifPresent(p::leakThreshold);
                case "exhaustion-window" -> duration(prefix, key, v, problems).ifPresent(p::exhaustionWindow);
                case "monitor-interval" -> duration(prefix, key, v, problems).ifPresent(p::monitorInterval);
                case "high-usage-ratio" -> {
                    try {
                        p.highUsageRatio(Double.parseDouble(v));
                    } catch (NumberFormatException ex) {
                        problems.add(prefix + key + " must be a number such as 0.9, was '" + v + "'");
                    }
                }
                case "on-connect" -> p.onConnect(Arrays.stream(v.split(";")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toArray(String[]::new));
                case "on-checkout" -> p.onCheckoutSql(v);
                case "on-checkin" -> p.onCheckinSql(v);
                default -> problems.add(prefix + key + " is not a pool setting; pool keys are "
                        + String.join(", ", KEYS) + " and the hooks " + String.join(", ", HOOKS));
            }
        }
        sizing(prefix, keys, problems).ifPresent(p::sizing);
        try {
            target.pool(p.build());
        } catch (ConfigurationException e) {
            e.problems().forEach(x -> problems.add("database '" + db + "': " + x));
        }
    }

    private static Optional<SizingPolicy> sizing(String prefix, Map<String, String> keys, List<String> problems) {
        String kind = keys.getOrDefault("sizing", "fixed").strip();
        return switch (kind) {
            case "fixed" -> {
                keys.keySet().stream().filter(k -> k.startsWith("sizing.")).forEach(k ->
                        problems.add(prefix + k + " needs pool.sizing=dynamic or overflow"));
                yield Optional.of(SizingPolicy.fixed());
            }
            case "overflow" -> integer(prefix, "sizing.extra", keys.getOrDefault("sizing.extra", ""), problems)
                    .map(SizingPolicy::overflow);
            case "dynamic" -> {
                Optional<Integer> ceiling = integer(prefix, "sizing.ceiling", keys.getOrDefault("sizing.ceiling", ""),
                        problems);
                int step = integer(prefix, "sizing.step", keys.getOrDefault("sizing.step", "1"), problems).orElse(1);
                int threshold = integer(prefix, "sizing.pending-threshold",
                        keys.getOrDefault("sizing.pending-threshold", "0"), problems).orElse(0);
                Duration grow = duration(prefix, "sizing.grow-after", keys.getOrDefault("sizing.grow-after", "1s"),
                        problems).orElse(Duration.ofSeconds(1));
                Duration shrink = duration(prefix, "sizing.shrink-after",
                        keys.getOrDefault("sizing.shrink-after", "30s"), problems).orElse(Duration.ofSeconds(30));
                yield ceiling.map(c -> SizingPolicy.dynamic(c, step, threshold, grow, shrink));
            }
            default -> {
                problems.add(prefix + "sizing must be fixed, dynamic or overflow, was '" + kind + "'");
                yield Optional.empty();
            }
        };
    }

    private static Optional<Integer> integer(String prefix, String key, String v, List<String> problems) {
        try {
            return Optional.of(Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            problems.add(prefix + key + " must be a whole number, was '" + v + "'");
            return Optional.empty();
        }
    }

    private static Optional<Duration> duration(String prefix, String key, String v, List<String> problems) {
        Optional<Duration> d = CovetConfiguration.parseDuration(v.strip());
        if (d.isEmpty()) {
            problems.add(prefix + key + " must be a duration such as 500ms, 5s or PT5S, was '" + v + "'");
        }
        return d;
    }
}
