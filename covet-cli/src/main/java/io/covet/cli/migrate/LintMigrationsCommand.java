package io.covet.cli.migrate;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.migrate.LintFinding;
import io.covet.migrate.Linter;
import io.covet.migrate.Migration;
import io.covet.migrate.MigrationGraph;
import io.covet.migrate.Migrator;
import io.covet.migrate.Plan;
import io.covet.migrate.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code covet lintmigrations}: zero-downtime risks of pending migrations; exit 1 on findings. */
@Command(name = "lintmigrations", mixinStandardHelpOptions = true,
        description = "Warn about operations that lock large tables or break the running release; exit 1 on findings.")
public final class LintMigrationsCommand implements Callable<Integer> {
    @Mixin
    DatabaseOption database;

    @Mixin
    MigrationOptions files;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Lint every migration for this engine offline instead of the pending ones of --database.")
    String engine;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Migration> all = files.load();
        MigrationGraph graph = new MigrationGraph(all, Set.of());
        List<LintFinding> findings;
        if (engine != null) {
            findings = Linter.lint(graph, graph.order(), MigrationOptions.engine(engine));
        } else {
            try (Database db = database.open()) {
                Plan plan = Migrator.builder(db, all).build().plan(Target.latest());
                findings = Linter.lint(graph, plan.entries().stream().map(Plan.Entry::migration).toList(), db.engine());
            }
        }
        if (json) {
            List<java.util.Map<String, Object>> list = findings.stream().map(f -> {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("migration", f.migration().toString());
                m.put("operation", f.operation());
                m.put("rule", f.rule());
                m.put("problem", f.problem());
                m.put("fix", f.fix());
                return m;
            }).toList();
            spec.commandLine().getOut().println(io.covet.cli.common.JsonOut.write(java.util.Map.of("findings", list)));
            return findings.isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
        findings.forEach(spec.commandLine().getOut()::println);
        if (findings.isEmpty()) {
            spec.commandLine().getOut().println("No zero-downtime risks found.");
            return ExitCode.OK;
        }
        spec.commandLine().getErr().println("covet: " + findings.size() + " zero-downtime risk(s) in pending migrations");
        return ExitCode.CHECK_FAILED;
    }
}
