package io.covet.cli.migrate;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.JsonOut;
import io.covet.cli.common.TerminalProgress;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.migrate.Migrator;
import io.covet.migrate.Plan;
import io.covet.migrate.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code covet migrate [APP [NAME|zero]]}: applies or unapplies migrations. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Apply pending migrations, or move an app forwards/backwards to a migration (or zero).",
                "A SQLite file that does not exist is created, once the migration files have been read and the "
                        + "target found; --plan never creates it."})
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    DatabaseOption database;

    @Mixin
    MigrationOptions files;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only this app.")
    String app;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Target migration, or 'zero'.")
    String name;

    @Option(names = "--plan", description = "Print the plan and change nothing.")
    boolean plan;

    @Option(names = "--fake", description = "Record (or unrecord) migrations without running them.")
    boolean fake;

    @Option(names = "--resume", description = "Continue a migration an earlier run left half applied (MariaDB).")
    boolean resume;

    @Option(names = "--rollback-partial", description = "Undo the applied operations of a half-applied migration.")
    boolean rollbackPartial;

    @Option(names = "--accept-edited", description = "Accept applied migrations whose file changed; record new checksums.")
    boolean acceptEdited;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "lock_timeout / lock_wait_timeout per operation, e.g. 5s or PT5S.")
    String lockTimeout;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long to wait for another migrate holding the lock (default ${DEFAULT-VALUE}).")
    String wait;

    @Option(names = "--json", description = "Print one JSON object (the plan, or the migrations applied) instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (resume && rollbackPartial) {
            throw new ParameterException(spec.commandLine(), "--resume and --rollback-partial contradict each other; pick one");
        }
        Target target = app == null ? Target.latest() : name == null ? null : "zero".equals(name)
                ? Target.zero(app) : Target.of(app, name);
        PrintWriter out = spec.commandLine().getOut();
        // Everything the user gave is checked before a database is opened, so a SQLite file is only created for a
        // migration that can run.
        Duration waitFor = duration(spec, wait, "--wait");
        Duration operationLockTimeout = lockTimeout == null ? null : duration(spec, lockTimeout, "--lock-timeout");
        if (!java.nio.file.Files.isDirectory(files.dir())) {
            throw new ParameterException(spec.commandLine(), "no migrations directory at " + files.dir() + " ("
                    + files.dir().toAbsolutePath().normalize() + " does not exist); give --migrations DIR or set "
                    + "covet.project.migrations. Nothing was changed.");
        }
        var migrations = files.load();
        var graph = new io.covet.migrate.MigrationGraph(migrations, java.util.Set.of());
        if (app != null && !graph.apps().contains(app)) {
            throw new ParameterException(spec.commandLine(), "there are no migrations for app " + app + "; apps: "
                    + graph.apps());
        }
        if (target == null) {
            // `migrate APP`: everything of that app (and what it depends on).
            var leaves = graph.leaves(app);
            target = Target.of(app, leaves.get(leaves.size() - 1).name());
        } else if (!target.isLatest() && !target.isZero()
                && !graph.contains(new io.covet.migrate.MigrationKey(app, name))) {
            try {
                graph.require(new io.covet.migrate.MigrationKey(app, name));
            } catch (io.covet.migrate.MigrationException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, name);
            }
        }
        try (Database db = open(); TerminalProgress bar = TerminalProgress.start("migrate", -1, json || plan)) {
            AtomicInteger done = new AtomicInteger();
            int[] total = {-1};
            Migrator migrator = Migrator.builder(db, migrations).fake(fake).acceptEdited(acceptEdited)
                    .lockTimeout(waitFor)
                    .operationLockTimeout(operationLockTimeout)
                    .onPartial(resume ? Migrator.OnPartial.RESUME : rollbackPartial ? Migrator.OnPartial.ROLLBACK
                            : Migrator.OnPartial.FAIL)
                    .progress(line -> {
                        if (!json) {
                            out.println(line);
                        }
                        bar.note(line.strip());
                        bar.update(Math.min(done.incrementAndGet(), Math.max(total[0], 0)), total[0]);
                    }).build();
            Plan p = migrator.plan(target);
            if (plan) {
                if (json) {
                    out.println(JsonOut.write(Map.of("plan", p.describe())));
                    return ExitCode.OK;
                }
                if (p.isEmpty()) {
                    out.println("No planned migration operations.");
                }
                p.describe().forEach(out::println);
                return ExitCode.OK;
            }
            total[0] = p.entries().size();
            bar.update(0, total[0]);
            List<String> applied = migrator.migrate(target);
            if (json) {
                out.println(JsonOut.write(Map.of("applied", applied)));
            } else if (applied.isEmpty()) {
                out.println("No migrations to apply.");
            }
        }
        return ExitCode.OK;
    }

    /**
     * The database to migrate. For --plan on a SQLite file that does not exist yet, an empty in-memory database
     * stands in: it has the same plan (everything pending) and leaves no file behind.
     */
    private Database open() {
        if (plan && DatabaseOption.missingSqliteFile(database.config()).isPresent()) {
            return Database.open("sqlite::memory:");
        }
        return database.openOrCreate();
    }

    static Duration duration(CommandSpec spec, String text, String option) {
        String t = text.strip();
        try {
            if (t.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                return Duration.parse(t);
            }
            long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
            return switch (t.replaceAll("^\\d+", "")) {
                case "ms" -> Duration.ofMillis(n);
                case "s", "" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), option + " '" + text
                    + "' is not a duration; write e.g. 500ms, 5s, 2m");
        }
    }
}
