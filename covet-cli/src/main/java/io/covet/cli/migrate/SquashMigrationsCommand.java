package io.covet.cli.migrate;

import io.covet.cli.common.ExitCode;
import io.covet.cli.common.JsonOut;
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

import java.util.LinkedHashMap;
import java.util.Map;
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

    @Option(names = "--json", description = "Print one JSON object instead of text: {app, name, path, replaces: [...], "
            + "operations: [...]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Migration m = GraphTools.squash(new MigrationGraph(files.load(), Set.of()), app, from, to, !noOptimize);
        if (json) {
            java.nio.file.Path path = MigrationFiles.write(files.dir(), m);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("app", m.app());
            j.put("name", m.name());
            j.put("path", path.toString());
            j.put("replaces", m.replaces().stream().map(k -> k.toString()).toList());
            j.put("operations", m.operations().stream().map(o -> o.describe()).toList());
            spec.commandLine().getOut().println(JsonOut.write(j));
            return ExitCode.OK;
        }
        spec.commandLine().getOut().println("Wrote " + MigrationFiles.write(files.dir(), m) + " replacing "
                + m.replaces().size() + " migration(s) with " + m.operations().size() + " operation(s); delete them once every database has applied it.");
        return ExitCode.OK;
    }
}
