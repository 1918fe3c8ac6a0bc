package io.covet.cli.migrate;

import io.covet.cli.common.ExitCode;
import io.covet.migrate.GraphTools;
import io.covet.migrate.Migration;
import io.covet.migrate.MigrationFiles;
import io.covet.migrate.MigrationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Set;
import java.util.concurrent.Callable;

/** {@code covet squashmigrations APP FROM TO}: one migration replacing a range. */
@Command(name = "squashmigrations", mixinStandardHelpOptions = true,
        description = "Write one migration that replaces the app's migrations FROM..TO.")
public final class SquashMigrationsCommand implements Callable<Integer> {
    @Mixin
    MigrationOptions files;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", paramLabel = "FROM")
    String from;

    @Parameters(index = "2", paramLabel = "TO")
    String to;

    @Option(names = "--no-optimize", description = "Keep every operation of the range as it is (by default operations "
            + "are combined where the resulting schema cannot differ, never across RunSQL or RunJava).")
    boolean noOptimize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Migration m = GraphTools.squash(new MigrationGraph(files.load(), Set.of()), app, from, to, !noOptimize);
        spec.commandLine().getOut().println("Wrote " + MigrationFiles.write(files.dir(), m) + " replacing "
                + m.replaces().size() + " migration(s) with " + m.operations().size() + " operation(s); delete them once every database has applied it.");
        return ExitCode.OK;
    }
}
