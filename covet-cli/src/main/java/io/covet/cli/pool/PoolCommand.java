package io.covet.cli.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.Databases;
import io.covet.core.error.ConfigurationException;
import io.covet.core.pool.Pool;
import io.covet.core.pool.PoolSettings;
import io.covet.core.pool.PoolStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code covet pool stats}: opens each configured database (or the one given with {@code -d}) and prints its
 * pool's settings and statistics. The figures are those of the pool this command opened, so they show the
 * effective settings and that the pool can be filled, not the load of a running application.
 */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "Connection pools of the configured databases.",
        subcommands = PoolCommand.Stats.class)
public final class PoolCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code covet pool stats [--json]}. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Open each configured database (covet.properties/covet.yaml, COVET_DATABASE_URL) or the "
                    + "one given with --database and print its pool: settings, size, active, idle, waiting, "
                    + "acquire-time percentiles and evictions by reason. The figures are of the pool this command "
                    + "opens, not of a running application.")
    static final class Stats implements Callable<Integer> {
        @Option(names = {"-d", "--database"}, paramLabel = "URL",
                description = "One database URL instead of the configured ones.")
        String url;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<DatabaseConfig> configs = new ArrayList<>();
            if (url != null) {
                configs.add(DatabaseConfig.builder("default").url(url).build());
            } else {
                configs.addAll(CovetConfiguration.discover().databases().values());
            }
            if (configs.isEmpty()) {
                throw new ConfigurationException("no database is configured: add covet.databases.<name>.url to "
                        + "covet.properties, set COVET_DATABASE_URL, or give --database");
            }
            for (DatabaseConfig c : configs) {
                DatabaseOption.missingSqliteFile(c).ifPresent(p -> {
                    throw new ConfigurationException("database '" + c.name() + "': SQLite database " + p
                            + " does not exist; check the path (this command creates nothing)");
                });
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Databases dbs = Databases.of(configs)) {
                for (DatabaseConfig c : configs) {
                    Database db = dbs.get(c.name());
                    db.sql("SELECT 1").list();
                }
                Map<String, Pool> pools = dbs.pools();
                if (json) {
                    printJson(out, pools);
                } else {
                    printTable(out, pools);
                }
            }
            return ExitCode.OK;
        }

        private static void printTable(PrintWriter out, Map<String, Pool> pools) {
            out.printf("%-16s %5s %5s %6s %5s %8s %10s %10s  %s%n", "database", "max", "size", "active", "idle",
                    "waiting", "acq p50", "acq p99", "evictions");
            pools.forEach((name, pool) -> {
                PoolStats s = pool.stats();
                out.printf("%-16s %5d %5d %6d %5d %8d %8dus %8dus  %s%n", name, s.maxSize(), s.size(), s.active(),
                        s.idle(), s.pending(), s.acquireP50().toNanos() / 1000, s.acquireP99().toNanos() / 1000,
                        s.evictionsByReason().isEmpty() ? "-" : s.evictionsByReason());
            });
            pools.forEach((name, pool) -> out.println(name + ": " + pool.settings()));
        }

        private static void printJson(PrintWriter out, Map<String, Pool> pools) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            ArrayNode list = root.putArray("pools");
            pools.forEach((name, pool) -> {
                PoolStats s = pool.stats();
                PoolSettings p = pool.settings();
                ObjectNode n = list.addObject();
                n.put("database", name);
                n.put("maxSize", s.maxSize());
                n.put("size", s.size());
                n.put("active", s.active());
                n.put("idle", s.idle());
                n.put("pending", s.pending());
                n.put("acquireP50Micros", s.acquireP50().toNanos() / 1000);
                n.put("acquireP99Micros", s.acquireP99().toNanos() / 1000);
                n.put("acquireMaxMicros", s.acquireMax().toNanos() / 1000);
                n.put("checkouts", s.checkouts());
                n.put("timeouts", s.timeouts());
                n.put("leaks", s.leaks());
                ObjectNode ev = n.putObject("evictions");
                s.evictionsByReason().forEach((r, c) -> ev.put(r.name().toLowerCase(java.util.Locale.ROOT), c));
                ObjectNode set = n.putObject("settings");
                set.put("minIdle", p.minIdle());
                set.put("acquireTimeoutMs", p.acquireTimeout().toMillis());
                set.put("maxLifetimeMs", p.maxLifetime().toMillis());
                set.put("idleTimeoutMs", p.idleTimeout().toMillis());
                set.put("keepaliveMs", p.keepalive().toMillis());
                set.put("aliveBypassWindowMs", p.aliveBypassWindow().toMillis());
                set.put("leakThresholdMs", p.leakThreshold().toMillis());
                set.put("sizing", p.sizing().toString());
                set.put("onConnectSql", p.onConnectSql().size());
            });
            try {
                out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
