package io.covet.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.covet.core.error.ConfigurationException;
import io.covet.core.internal.ReplicaProperties;
import io.covet.core.internal.ResilienceProperties;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database settings read from a file and the environment, turned into validated {@link DatabaseConfig}s.
 *
 * <p>A file is either {@code covet.properties}:
 * <pre>
 * covet.databases.default.url=postgresql://app@db:5432/app
 * covet.databases.default.query-timeout=5s
 * covet.databases.analytics.url=sqlite:analytics.db
 * </pre>
 * or {@code covet.yaml} with the same keys nested ({@code covet: databases: default: url: …}).
 *
 * <p>The same file describes the project for the CLI's migration commands ({@link #project()}):
 * <pre>
 * covet.project.models=com.example.shop,com.example.billing
 * covet.project.migrations=src/main/resources/db/migrations
 * covet.project.classpath=target/classes
 * </pre>
 * {@code models} lists packages whose {@code @Model} classes are read (or one class implementing
 * {@code io.covet.migrate.SchemaSource} or {@code Supplier<Orm>}); relative paths are relative to the file's
 * directory; a YAML list may replace a comma-separated value.
 *
 * <p>Environment variables override the file: {@code COVET_DATABASE_URL} sets the default database's URL;
 * {@code COVET_DATABASES_<NAME>_<KEY>} sets any key of any database ({@code COVET_DATABASES_ANALYTICS_PASSWORD}).
 * Keys: {@code url, user, password, max-pool-size, min-idle, connection-timeout, query-timeout,
 * stream-fetch-size, sqlite-busy-timeout, interceptors, discover-interceptors} and {@code driver.<property>};
 * {@code resilience.<key>} set the database's {@link io.covet.core.resilience.ResilienceSettings} (keys listed there and in
 * docs/pool-and-resilience.md); {@code slow-query-threshold} and {@code observe.<key>} are kept for covet-observe, which validates them
 * ({@link DatabaseConfig#observability()}).
 * {@code pool.<key>} sets the pool ({@link io.covet.core.pool.PoolSettings}; keys listed in {@code PoolProperties}
 * and {@code docs/pool-and-resilience.md}).
 * {@code replicas} lists read-replica URLs and {@code replica.<key>} sets how reads use them
 * ({@link io.covet.core.replica.ReplicaConfig}; keys in {@code docs/replicas.md}).
 * {@code interceptors} lists {@link io.covet.core.pipeline.Interceptor} classes (comma-separated, outermost first,
 * each with a public no-arg constructor); {@code discover-interceptors=true} adds ServiceLoader providers after
 * them. Durations are {@code 500ms}, {@code 5s},
 * {@code 2m} or ISO-8601 ({@code PT5S}). Unknown keys are errors, so typos do not pass silently.
 */
public final class CovetConfiguration {
    private static final String PREFIX = "covet.databases.";
    private static final Pattern ENV = Pattern.compile("COVET_DATABASES_([A-Z][A-Z0-9]*)_([A-Z_]+)");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final List<String> KEYS = List.of("url", "user", "password", "max-pool-size", "min-idle",
            "connection-timeout", "query-timeout", "stream-fetch-size", "sqlite-busy-timeout", "interceptors",
            "discover-interceptors");

    private static final String PROJECT = "covet.project.";
    private static final List<String> PROJECT_KEYS = List.of("models", "migrations", "classpath");

    private final Map<String, DatabaseConfig> databases;
    private final Optional<Path> source;
    private final Project project;

    private CovetConfiguration(Map<String, DatabaseConfig> databases, Optional<Path> source, Project project) {
        this.databases = databases;
        this.source = source;
        this.project = project;
    }

    /**
     * Where a project keeps its models and migrations, from the {@code covet.project.*} settings; every part is
     * empty when not configured.
     *
     * @param models     packages holding {@code @Model} classes, or the name of one schema-source class
     * @param migrations the directory of migration files
     * @param classpath  extra class-path entries holding the compiled models
     */
    public record Project(List<String> models, Optional<Path> migrations, List<Path> classpath) {
        /** Copies the lists. */
        public Project {
            models = List.copyOf(models);
            classpath = List.copyOf(classpath);
        }
    }

    /**
     * Reads the file named by the system property {@code covet.config} or the environment variable
     * {@code COVET_CONFIG}, else {@code covet.properties}, {@code covet.yaml} or {@code covet.yml} from the working
     * directory if one exists, then applies the process environment.
     *
     * @throws ConfigurationException when an explicitly named file does not exist, or a setting is wrong
     */
    public static CovetConfiguration discover() {
        String explicit = System.getProperty("covet.config", System.getenv("COVET_CONFIG"));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new ConfigurationException("configuration file " + p + " (from -Dcovet.config / COVET_CONFIG) "
                        + "does not exist; fix the path or unset it to use ./covet.properties or ./covet.yaml");
            }
            return load(p, System.getenv());
        }
        for (String name : List.of("covet.properties", "covet.yaml", "covet.yml")) {
            Path p = Path.of(name);
            if (Files.isRegularFile(p)) {
                return load(p, System.getenv());
            }
        }
        return fromSettings(new TreeMap<>(), System.getenv(), Optional.empty());
    }

    /**
     * Reads a properties or YAML file (by extension) and applies {@code env} on top.
     *
     * @throws ConfigurationException listing every problem in the file and environment
     */
    public static CovetConfiguration load(Path file, Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Reader r = Files.newBufferedReader(file)) {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(r);
                if (root != null) {
                    flatten("", root, settings);
                }
            } else {
                Properties p = new Properties();
                p.load(r);
                p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        return fromSettings(settings, env, Optional.of(file));
    }

    /** Builds the configuration from flat settings ({@code covet.databases.NAME.KEY}) and the environment. */
    public static CovetConfiguration fromSettings(Map<String, String> settings, Map<String, String> env,
                                                  Optional<Path> source) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> perDb = new TreeMap<>();
        Map<String, String> projectKeys = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (!k.startsWith("covet.")) {
                return;
            }
            if (k.startsWith(PROJECT)) {
                String key = k.substring(PROJECT.length());
                if (PROJECT_KEYS.contains(key)) {
                    projectKeys.put(key, v);
                } else {
                    problems.add("unknown setting '" + k + "': project settings are covet.project."
                            + String.join("|", PROJECT_KEYS));
                }
                return;
            }
            if (!k.startsWith(PREFIX)) {
                problems.add("unknown setting '" + k + "': database settings are covet.databases.<name>.<key>, "
                        + "project settings covet.project.<key>");
                return;
            }
            String rest = k.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                problems.add("setting '" + k + "' names no key: use covet.databases.<name>.<key>");
                return;
            }
            perDb.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>()).put(rest.substring(dot + 1), v);
        });
        String defaultUrl = env.get("COVET_DATABASE_URL");
        if (defaultUrl != null && !defaultUrl.isBlank()) {
            perDb.computeIfAbsent("default", n -> new LinkedHashMap<>()).put("url", defaultUrl);
        }
        env.forEach((k, v) -> {
            Matcher m = ENV.matcher(k);
            if (m.matches()) {
                String key = m.group(2).toLowerCase(Locale.ROOT).replace('_', '-');
                perDb.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), n -> new LinkedHashMap<>()).put(key, v);
            }
        });
        Map<String, DatabaseConfig> out = new LinkedHashMap<>();
        perDb.forEach((name, keys) -> {
            DatabaseConfig config = build(name, keys, problems);
            if (config != null) {
                out.put(name, config);
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        Path base = source.map(Path::toAbsolutePath).map(Path::getParent).orElse(Path.of(""));
        Project project = new Project(list(projectKeys.get("models")),
                Optional.ofNullable(projectKeys.get("migrations")).map(String::strip).filter(v -> !v.isEmpty())
                        .map(base::resolve),
                list(projectKeys.get("classpath")).stream().map(base::resolve).toList());
        return new CovetConfiguration(out, source, project);
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static DatabaseConfig build(String name, Map<String, String> keys, List<String> problems) {
        DatabaseConfig.Builder b = DatabaseConfig.builder(name);
        int before = problems.size();
        Map<String, String> resilience = new LinkedHashMap<>();
        Map<String, String> poolKeys = new LinkedHashMap<>();
        Map<String, String> replicaKeys = new LinkedHashMap<>();
        String replicas = null;
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().strip();
            // resilience-<key> is how COVET_DATABASES_<NAME>_RESILIENCE_<KEY> arrives
            if (key.startsWith("resilience.") || key.startsWith("resilience-")) {
                resilience.put(key.substring("resilience.".length()), value);
                continue;
            }
            if (key.startsWith("driver.")) {
                b.driverProperty(key.substring("driver.".length()), value);
                continue;
            }
            if (DatabaseConfigCheck.isObservabilityKey(key)) {
                b.observability(key, value);
                continue;
            }
            // replica-<key> is how COVET_DATABASES_<NAME>_REPLICA_<KEY> arrives
            if (key.startsWith("replica.") || key.startsWith("replica-")) {
                replicaKeys.put(key.substring("replica.".length()), value);
                continue;
            }
            if (key.equals("replicas")) {
                replicas = value;
                continue;
            }
            // pool-<key> is how COVET_DATABASES_<NAME>_POOL_<KEY> arrives
            if (key.startsWith("pool.") || key.startsWith("pool-")) {
                poolKeys.put(key.substring("pool.".length()), value);
                continue;
            }
            switch (key) {
                case "url" -> b.url(value);
                case "user" -> b.user(value);
                case "password" -> b.password(e.getValue());
                case "max-pool-size" -> b.maxPoolSize(integer(name, key, value, problems));
                case "min-idle" -> b.minIdle(integer(name, key, value, problems));
                case "stream-fetch-size" -> b.streamFetchSize(integer(name, key, value, problems));
                case "connection-timeout" -> duration(name, key, value, problems).ifPresent(b::connectionTimeout);
                case "query-timeout" -> duration(name, key, value, problems).ifPresent(b::queryTimeout);
                case "sqlite-busy-timeout" -> duration(name, key, value, problems).ifPresent(b::sqliteBusyTimeout);
                case "interceptors" -> list(value).forEach(b::interceptorClass);
                case "discover-interceptors" -> {
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        b.discoverInterceptors(Boolean.parseBoolean(value));
                    } else {
                        problems.add("database '" + name + "': discover-interceptors must be true or false, was '"
                                + value + "'");
                    }
                }
                default -> problems.add("database '" + name + "': unknown key '" + key + "'; known keys are "
                        + String.join(", ", KEYS) + ", replicas, driver.<property>, pool.<key>, replica.<key>, resilience.<key>, "
                        + "slow-query-threshold and observe.<key>");
            }
        }
        if (!poolKeys.isEmpty()) {
            PoolProperties.apply(name, poolKeys, b, problems);
        }
        if (replicas != null || !replicaKeys.isEmpty()) {
            ReplicaProperties.parse(name, replicas, replicaKeys, CovetConfiguration::parseDuration, problems)
                    .ifPresent(b::replicas);
        }
        if (!resilience.isEmpty()) {
            ResilienceProperties.parse(name, resilience, CovetConfiguration::parseDuration, problems)
                    .ifPresent(b::resilience);
        }
        try {
            DatabaseConfig config = b.build();
            return problems.size() > before ? null : config;
        } catch (ConfigurationException e) {
            e.problems().forEach(p -> problems.add("database '" + name + "': " + p));
            return null;
        }
    }

    private static int integer(String db, String key, String value, List<String> problems) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add("database '" + db + "': " + key + " must be a whole number, was '" + value + "'");
            return 1;
        }
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}). */
    static Optional<Duration> parseDuration(String value) {
        Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        try {
            return Optional.of(Duration.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> duration(String db, String key, String value, List<String> problems) {
        Optional<Duration> d = parseDuration(value);
        if (d.isEmpty()) {
            problems.add("database '" + db + "': " + key + " must be a duration such as 500ms, 5s or PT5S, was '"
                    + value + "'");
        }
        return d;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(",", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /** The configured databases by name, in name order; unmodifiable. */
    public Map<String, DatabaseConfig> databases() {
        return java.util.Collections.unmodifiableMap(databases);
    }

    /** The named database's configuration, if configured. */
    public Optional<DatabaseConfig> database(String name) {
        return Optional.ofNullable(databases.get(name));
    }

    /** The file the settings came from, if any. */
    public Optional<Path> source() {
        return source;
    }

    /** The project settings ({@code covet.project.*}), with paths resolved against the file's directory. */
    public Project project() {
        return project;
    }
}
