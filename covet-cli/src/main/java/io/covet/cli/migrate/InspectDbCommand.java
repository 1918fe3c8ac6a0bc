package io.covet.cli.migrate;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.cli.common.JsonOut;
import io.covet.cli.common.TerminalProgress;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            description = "Only these tables (default: all but Covet's bookkeeping tables: covet_migrations, the history horizon, the audit chain).")
    List<String> tables;

    @Option(names = "--json", description = "Print one JSON object instead of text: {models: [{table, className, path, "
            + "source, notes}], tables, written}; path is null without --out, source null with it (and for a table "
            + "no model is made for). Notes are then in the object only.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ModelSource> models;
        // One step per table generated and per model printed or written; while the catalog is read the total is
        // not known yet.
        try (TerminalProgress bar = TerminalProgress.start("inspectdb", -1, json)) {
            bar.note("reading the catalog");
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
                // Covet's bookkeeping tables (migrations, history horizon, audit chain) only when named
                Schema chosen = Schema.of(all.tables().stream().filter(t -> tables == null
                        ? !InspectDb.isBookkeeping(t.name()) : tables.contains(t.name())).toList());
                bar.update(0, 2L * chosen.tables().size());
                bar.note("generating " + chosen.tables().size() + " model(s)");
                try {
                    models = InspectDb.generate(chosen, db.engine(), javaPackage, Introspector.partitions(db),
                            Introspector.domains(db));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--package " + e.getMessage());
                }
            }
            bar.update(models.size(), 2L * models.size());
            return write(models, stdout, err, bar);
        }
    }

    private int write(List<ModelSource> models, PrintWriter stdout, PrintWriter err, TerminalProgress bar)
            throws IOException {
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
        List<Map<String, Object>> listed = new ArrayList<>();
        for (ModelSource m : models) {
            bar.note(m.table());
            if (!json) {
                m.notes().forEach(n -> err.println("covet: note: " + n));
            }
            Path file = dir == null || m.source() == null ? null : dir.resolve(m.className() + ".java");
            if (m.source() != null) {
                written++;
                if (file != null) {
                    Files.writeString(file, m.source());
                    if (!json) {
                        stdout.println(file);
                    }
                } else if (!json) {
                    stdout.println("// " + m.className() + ".java");
                    stdout.print(m.source());
                }
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("table", m.table());
            j.put("className", m.className());
            j.put("path", file == null ? null : file.toString());
            j.put("source", file == null ? m.source() : null);
            j.put("notes", m.notes());
            listed.add(j);
            bar.update(models.size() + listed.size(), 2L * models.size());
        }
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("models", listed);
            j.put("tables", models.size());
            j.put("written", written);
            stdout.println(JsonOut.write(j));
        } else {
            err.println("covet: " + written + " model(s) from " + models.size() + " table(s)");
        }
        return ExitCode.OK;
    }
}
