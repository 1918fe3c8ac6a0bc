package io.covet.cli.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.cli.observe.Endpoint;
import io.covet.core.CovetConfiguration;
import io.covet.core.DatabaseConfig;
import io.covet.core.Databases;
import io.covet.core.error.ConfigurationException;
import io.covet.observe.PoolReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code covet pool stats}: the pools of a running application, read from its observability endpoint
 * ({@code --url}, page {@code /pools.json}), or of the configured databases (or the one given with {@code -d}),
 * opened by this command. Opened here, the figures show the effective settings and that the pool can be filled,
 * not the load of an application; both print the same fields ({@link PoolReport}).
 */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "Connection pools of a running application or of the configured databases.",
        subcommands = PoolCommand.Stats.class)
public final class PoolCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code covet pool stats [--url ENDPOINT | -d URL] [--json]}. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print pools: settings, size, active, idle, waiting, acquire-time percentiles and "
                    + "evictions by reason. With --url, those of a running application (its `covet serve` or "
                    + "ObserveServer endpoint); else this command opens each configured database "
                    + "(covet.properties/covet.yaml, COVET_DATABASE_URL) or the one given with --database.")
    static final class Stats implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Source source = new Source();

        /** Where the pools are: at most one of the two (neither: the configured databases). */
        static final class Source {
            @Option(names = {"-d", "--database"}, paramLabel = "URL",
                    description = "One database URL instead of the configured ones.")
            String url;

            @Option(names = "--url", paramLabel = "ENDPOINT",
                    description = "A running observability endpoint, e.g. http://127.0.0.1:9187")
            String endpoint;
        }

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PoolReport report;
            if (source.endpoint != null) {
                Optional<String> body = Endpoint.of(source.endpoint).get("pools.json", spec.commandLine().getErr());
                if (body.isEmpty()) {
                    return ExitCode.FAILURE;
                }
                report = PoolReport.fromJson(body.get());
            } else {
                report = openHere();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                        mapper.readTree(report.toJson())));
            } else {
                printTable(out, report);
            }
            return ExitCode.OK;
        }

        private PoolReport openHere() {
            List<DatabaseConfig> configs = new ArrayList<>();
            if (source.url != null) {
                configs.add(DatabaseConfig.builder("default").url(source.url).build());
            } else {
                configs.addAll(CovetConfiguration.discover().databases().values());
            }
            if (configs.isEmpty()) {
                throw new ConfigurationException("no database is configured: add covet.databases.<name>.url to "
                        + "covet.properties, set COVET_DATABASE_URL, give --database, or read a running "
                        + "application's pools with --url");
            }
            for (DatabaseConfig c : configs) {
                DatabaseOption.missingSqliteFile(c).ifPresent(p -> {
                    throw new ConfigurationException("database '" + c.name() + "': SQLite database " + p
                            + " does not exist; check the path (this command creates nothing)");
                });
            }
            try (Databases dbs = Databases.of(configs)) {
                for (DatabaseConfig c : configs) {
                    dbs.get(c.name()).sql("SELECT 1").list();
                }
                return PoolReport.of(dbs.pools());
            }
        }

        private static void printTable(PrintWriter out, PoolReport report) {
            out.printf("%-16s %5s %5s %6s %5s %8s %10s %10s  %s%n", "database", "max", "size", "active", "idle",
                    "waiting", "acq p50", "acq p99", "evictions");
            for (PoolReport.Entry e : report.pools()) {
                out.printf("%-16s %5d %5d %6d %5d %8d %8dus %8dus  %s%n", e.database(), e.maxSize(), e.size(),
                        e.active(), e.idle(), e.pending(), e.acquireP50Micros(), e.acquireP99Micros(),
                        e.evictions().isEmpty() ? "-" : e.evictions());
            }
            for (PoolReport.Entry e : report.pools()) {
                PoolReport.Settings s = e.settings();
                out.printf("%s: sizing=%s minIdle=%d acquireTimeout=%dms maxLifetime=%dms idleTimeout=%dms "
                                + "keepalive=%dms aliveBypass=%dms leakThreshold=%dms onConnectSql=%d%n",
                        e.database(), s.sizing(), s.minIdle(), s.acquireTimeoutMs(), s.maxLifetimeMs(),
                        s.idleTimeoutMs(), s.keepaliveMs(), s.aliveBypassWindowMs(), s.leakThresholdMs(),
                        s.onConnectSql());
                e.leasesByCaller().forEach((caller, n) -> out.printf("%s: %d lease(s) held by %s%n",
                        e.database(), n, caller));
            }
        }
    }
}
