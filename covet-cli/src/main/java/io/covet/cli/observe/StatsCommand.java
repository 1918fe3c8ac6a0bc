package io.covet.cli.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.core.error.ConfigurationException;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.observe.Observability;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code covet stats}: the top statement shapes with their percentiles, either of a running application (read
 * from its observability endpoint's {@code /stats.json}) or of a workload file run here through an observed
 * database.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print the top statement shapes (calls, errors, total, p50/p95/p99) of a running endpoint "
                + "(--url) or of a workload file (--workload).")
public final class StatsCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the statistics come from: exactly one of the two. */
    static final class Source {
        @Option(names = "--url", paramLabel = "URL",
                description = "The endpoint of `covet serve` or an embedded ObserveServer, e.g. http://127.0.0.1:9187")
        String url;

        @Option(names = "--workload", paramLabel = "FILE",
                description = "SQL statements ending in ;, run here (statements before a '-- covet:repeat' line "
                        + "run once, the others --repeat times).")
        Path workload;
    }

    @Option(names = {"-d", "--database"}, paramLabel = "URL", defaultValue = "sqlite::memory:",
            description = "With --workload: the database to run it in (default: ${DEFAULT-VALUE}).")
    String databaseUrl;

    @Option(names = "--repeat", defaultValue = "100",
            description = "With --workload: how many times to run its statements (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--sort", defaultValue = "total",
            description = "Order: p99, total or calls (default: ${DEFAULT-VALUE}).")
    ShapeReport.Sort sort;

    @Option(names = "--limit", defaultValue = "10", description = "How many shapes (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new ConfigurationException("--limit must be at least 1, was " + limit);
        }
        if (repeat < 1) {
            throw new ConfigurationException("--repeat must be at least 1, was " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonNode stats;
        if (source.url != null) {
            stats = fetch(source.url);
            if (stats == null) {
                return ExitCode.FAILURE;
            }
        } else {
            stats = runWorkload(WorkloadFile.read(source.workload));
        }
        List<JsonNode> top = ShapeReport.top(stats, sort, limit);
        if (json) {
            ShapeReport.printJson(out, sort, top);
        } else {
            ShapeReport.printTable(out, top);
        }
        return ExitCode.OK;
    }

    private JsonNode runWorkload(WorkloadFile work) throws IOException {
        DatabaseConfig config = DatabaseConfig.builder("default").url(databaseUrl).build();
        config.url().flatMap(DatabaseUrl::missingFile).ifPresent(p -> {
            throw new ConfigurationException("SQLite database " + p + " does not exist; check the path, or leave "
                    + "out --database to run the workload in memory");
        });
        // Slow-query logging off: this command prints its own figures.
        try (Observability obs = Observability.builder().slowQueryThreshold(Duration.ZERO).build()) {
            Database db = obs.open(config);
            long failed = work.run(db, repeat, spec.commandLine().getErr());
            if (failed > 0) {
                spec.commandLine().getErr().println("covet: " + failed + " workload statements failed; they are "
                        + "counted as errors of their shapes");
            }
            return ShapeReport.JSON.readTree(obs.snapshot(Math.max(limit, 1000)).toJson());
        }
    }

    /** Reads {@code /stats.json} of an endpoint; prints one line and returns null when it cannot be reached. */
    private JsonNode fetch(String base) throws IOException {
        Optional<String> body = Endpoint.of(base).get("stats.json?sort=" + sort.name() + "&shapes=" + limit,
                spec.commandLine().getErr());
        return body.isEmpty() ? null : ShapeReport.JSON.readTree(body.get());
    }
}
