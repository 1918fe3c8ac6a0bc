package io.covet.cli.observe;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.CovetConfiguration;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.ConfigurationException;
import io.covet.migrate.MigrationFiles;
import io.covet.migrate.MigrationHealth;
import io.covet.observe.Observability;
import io.covet.observe.http.ObserveServer;
import io.covet.observe.http.PortInUseException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code covet serve}: observes a database and serves {@code /metrics}, {@code /health/live},
 * {@code /health/ready}, {@code /stats.json} and the status page until stopped (Ctrl-C).
 *
 * <p>A database that cannot be reached does not stop it: one line says so, the page and {@code /health/ready}
 * show it DOWN with the reason, and the connection is tried again every {@value #RETRY_SECONDS} seconds. A port
 * in use is one line and exit 2, like a malformed URL or an unknown observability setting. With migration files
 * ({@code --migrations}, or the project's), readiness also fails while some of them are not applied.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve Prometheus /metrics, /health/live, /health/ready, /stats.json and a live status page "
                + "for a database (Ctrl-C to stop).")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    static final int RETRY_SECONDS = 5;
    private static final PrintWriter QUIET = new PrintWriter(java.io.Writer.nullWriter());

    @Mixin
    DatabaseOption database;

    @Option(names = "--port", defaultValue = "" + ObserveServer.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = ObserveServer.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). The endpoint has "
                    + "no authentication: bind elsewhere only behind something that has.")
    String bind;

    @Option(names = "--workload", paramLabel = "FILE",
            description = "Also run this workload file (SQL statements ending in ;) over and over while serving, "
                    + "e.g. to try the page out.")
    Path workload;

    @Option(names = "--migrations", paramLabel = "DIR",
            description = "Migration files to check: readiness fails while some are not applied. Default: "
                    + "covet.project.migrations when configured, else no migration check.")
    Path migrations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DatabaseConfig config = database.config();
        DatabaseOption.missingSqliteFile(config).ifPresent(p -> {
            throw new ConfigurationException("SQLite database " + p + " does not exist; check the path (covet serve "
                    + "does not create databases)");
        });
        WorkloadFile work = workload == null ? null : WorkloadFile.read(workload);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Observability obs = Observability.builder().meterRegistry(registry).build()) {
            // The registry also takes core's transaction counters (covet.tx.*), which the dashboards show.
            DatabaseConfig instrumented = obs.instrument(config.meterRegistry().isPresent() ? config
                    : config.toBuilder().meterRegistry(registry).build());
            Connector connector = new Connector(obs, instrumented);
            Path migrationDir = migrations != null ? migrations
                    : CovetConfiguration.discover().project().migrations().orElse(null);
            if (migrationDir != null) {
                obs.addHealthContributor(connector.name(), MigrationHealth.of(MigrationFiles.load(migrationDir)));
            }
            if (!connector.tryOpen()) {
                err.println("covet: database '" + connector.name() + "' is DOWN: " + connector.reason()
                        + " — serving anyway; the page shows it DOWN and Covet retries every " + RETRY_SECONDS + " s");
            }
            ObserveServer server;
            try {
                server = ObserveServer.builder(obs).bind(bind).port(port).unattached(connector).start();
            } catch (PortInUseException e) {
                err.println("covet: " + e.getMessage() + " (--port)");
                connector.close();
                return ExitCode.USAGE;
            }
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "covet-serve");
                t.setDaemon(true);
                return t;
            });
            CountDownLatch stopped = new CountDownLatch(1);
            CountDownLatch cleanedUp = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stopped.countDown();
                try {
                    cleanedUp.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "covet-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try (server) {
                out.println("Serving database '" + connector.name() + "' (" + connector.engine() + ") at "
                        + server.uri() + " — /metrics /health/live /health/ready /stats.json; Ctrl-C to stop");
                out.flush();
                background.scheduleWithFixedDelay(() -> {
                    if (connector.down() && connector.tryOpen()) {
                        err.println("covet: database '" + connector.name() + "' is reachable again");
                        err.flush();
                    }
                }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
                if (work != null) {
                    background.execute(() -> repeat(work, connector, err));
                }
                stopped.await();
            } catch (InterruptedException e) {
                // Interrupted (embedded use, tests): a request to stop like Ctrl-C; the clean-up below finishes.
            } finally {
                background.shutdownNow();
                background.awaitTermination(10, TimeUnit.SECONDS);
                connector.close();
                cleanedUp.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for cleanedUp, released above
                }
            }
        }
        return ExitCode.OK;
    }

    /** Runs the workload again and again while the database is up, pausing while it is down. */
    private static void repeat(WorkloadFile work, Connector connector, PrintWriter err) {
        boolean setupDone = false;
        WorkloadFile loop = new WorkloadFile(work.path(), java.util.List.of(), work.repeated());
        while (!Thread.currentThread().isInterrupted()) {
            var db = connector.database();
            if (db == null) {
                try {
                    Thread.sleep(RETRY_SECONDS * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            try {
                // Only the first round reports a failing statement; later rounds fail the same way.
                (setupDone ? loop : work).run(db, 1, setupDone ? QUIET : err);
                setupDone = true;
            } catch (RuntimeException e) {
                // the database went away or is closing: the page shows it; try again after a pause
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
