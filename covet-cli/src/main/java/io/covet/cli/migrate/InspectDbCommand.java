package io.covet.cli.migrate;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.migrate.InspectDb;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code covet inspectdb}: model sources for the tables of an existing database, so that a team can adopt Covet on
 * a schema it did not create. Files are written only when {@code --out} is given; otherwise the sources go to
 * standard output. Whatever the models cannot express is printed as a note on standard error.
 */
@Command(name = "inspectdb", mixinStandardHelpOptions = true,
        description = "Generate model classes from the tables of an existing database.")
public final class InspectDbCommand implements Callable<Integer> {
    @Mixin
    DatabaseOption database;

    @Option(names = "--package", paramLabel = "PKG", required = true,
            description = "Java package of the generated models, e.g. com.example.legacy.")
    String javaPackage;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Source root to write <package path>/<Model>.java into (existing files are not overwritten). "
                    + "Default: print to standard output.")
    Path out;

    @Option(names = "--table", paramLabel = "TABLE", split = ",",
            description = "Only these tables (default: all).")
    List<String> tables;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ModelSource> models;
        try (Database db = database.open()) {
            Schema all = Introspector.read(db);
            if (tables != null) {
                Set<String> missing = new TreeSet<>(tables);
                missing.removeAll(all.tableNames());
                if (!missing.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "no table " + String.join(", ", missing)
                            + " in the database; its tables are " + all.tableNames());
                }
            }
            Schema chosen = tables == null ? all : Schema.of(all.tables().stream()
                    .filter(t -> tables.contains(t.name())).toList());
            try {
                models = InspectDb.generate(chosen, db.engine(), javaPackage, Introspector.partitions(db),
                        Introspector.domains(db));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--package " + e.getMessage());
            }
        }
        Path dir = out == null ? null : out.resolve(javaPackage.replace('.', '/'));
        if (dir != null) {
            for (ModelSource m : models) {
                Path file = dir.resolve(m.className() + ".java");
                if (m.source() != null && Files.exists(file)) {
                    throw new ParameterException(spec.commandLine(), file + " already exists; inspectdb never "
                            + "overwrites a model: move it away or choose another --out");
                }
            }
            Files.createDirectories(dir);
        }
        int written = 0;
        for (ModelSource m : models) {
            m.notes().forEach(n -> err.println("covet: note: " + n));
            if (m.source() == null) {
                continue;
            }
            written++;
            if (dir == null) {
                stdout.println("// " + m.className() + ".java");
                stdout.print(m.source());
            } else {
                Path file = dir.resolve(m.className() + ".java");
                Files.writeString(file, m.source());
                stdout.println(file);
            }
        }
        err.println("covet: " + written + " model(s) from " + models.size() + " table(s)");
        return ExitCode.OK;
    }
}
