package io.covet.cli.migrate;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.migrate.Drift;
import io.covet.migrate.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code covet schema …}: commands about the live schema. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Inspect the live schema.",
        subcommands = {SchemaCommand.DriftCommand.class})
public final class SchemaCommand {

    /** {@code covet schema drift}: exit 1 listing every difference from the applied migrations. */
    @Command(name = "drift", mixinStandardHelpOptions = true,
            description = "Compare the live schema with the applied migrations; exit 1 listing each difference.")
    static final class DriftCommand implements Callable<Integer> {
        @Mixin
        DatabaseOption database;

        @Mixin
        MigrationOptions files;

        @picocli.CommandLine.Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = database.open()) {
                List<String> diff = Drift.differences(db, Migrator.builder(db, files.load()).build());
                if (json) {
                    spec.commandLine().getOut().println(io.covet.cli.common.JsonOut.write(
                            java.util.Map.of("differences", diff)));
                    return diff.isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
                }
                if (diff.isEmpty()) {
                    spec.commandLine().getOut().println("No drift: the database matches its applied migrations.");
                    return ExitCode.OK;
                }
                diff.forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getErr().println("covet: " + diff.size() + " difference(s) between the database "
                        + "and its applied migrations");
                return ExitCode.CHECK_FAILED;
            }
        }
    }
}
