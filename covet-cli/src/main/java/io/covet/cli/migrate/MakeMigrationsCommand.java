package io.covet.cli.migrate;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.cli.common.JsonOut;
import io.covet.core.Database;
import io.covet.migrate.Drift;
import io.covet.migrate.Autodetector;
import io.covet.migrate.GraphTools;
import io.covet.migrate.Migration;
import io.covet.migrate.MigrationFiles;
import io.covet.migrate.MigrationGraph;
import io.covet.migrate.MigrationKey;
import io.covet.migrate.Operation;
import io.covet.migrate.Migrator;
import io.covet.migrate.ModelPackages;
import io.covet.migrate.OrmSchemaSource;
import io.covet.orm.Orm;
import io.covet.migrate.Questioner;
import io.covet.migrate.SchemaSource;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code covet makemigrations}: writes the migrations that take the migration files' state to the models'. */
@Command(name = "makemigrations", mixinStandardHelpOptions = true,
        description = "Compare the models with the migrations and write new migration files.")
public final class MakeMigrationsCommand implements Callable<Integer> {
    @Mixin
    MigrationOptions files;

    @Option(names = "--source", paramLabel = "CLASS",
            description = "The models: a class implementing io.covet.migrate.SchemaSource, or a Supplier<io.covet.orm.Orm> "
                    + "whose registered models are read (app = last package segment); found on --classpath.")
    String source;

    @Option(names = "--models", paramLabel = "PKG", split = ",",
            description = "Packages (and their sub-packages) whose @Model classes are the models, found on --classpath. "
                    + "Default: covet.project.models.")
    List<String> models;

    @Option(names = "--check", description = "Write nothing; exit 1 when the models have changes without migrations.")
    boolean check;

    @Option(names = "--against-database", description = "With --check: compare the models with the live database "
            + "(--database) instead of the migration files, e.g. after inspectdb; exit 1 listing each difference.")
    boolean againstDatabase;

    @Mixin
    DatabaseOption database;

    @Option(names = "--dry-run", description = "Print the migrations that would be written, write nothing.")
    boolean dryRun;

    @Option(names = "--merge", description = "Write merge migrations for apps with parallel leaf migrations.")
    boolean merge;

    @Option(names = "--yes-renames", description = "Treat every rename candidate as a rename (no prompt).")
    boolean yesRenames;

    @Option(names = "--no-renames", description = "Treat no candidate as a rename: drop and add instead (no prompt).")
    boolean noRenames;

    @Option(names = "--json", description = "Print one JSON object instead of text: {\"migrations\": [{app, name, path, "
            + "written, operations, dependencies, replaces}]} (with --check, the changes found; with "
            + "--against-database, {\"differences\": [...]}). Rename and default questions go to standard error.")
    boolean json;

    /** The migrations (or changes) listed in --json mode, in the order they were found. */
    private final List<Map<String, Object>> listed = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    Reader in = () -> {
        Console c = System.console();
        return c == null ? null : c.readLine();
    };

    /** Where answers come from (the terminal; replaced in tests). */
    interface Reader {
        String line() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (yesRenames && noRenames) {
            throw new ParameterException(spec.commandLine(), "--yes-renames and --no-renames contradict each other; pick one");
        }
        if (againstDatabase) {
            if (!check) {
                throw new ParameterException(spec.commandLine(), "--against-database only compares: use it with "
                        + "--check (migrations are generated from the migration files, never from a live database)");
            }
            files.installClasspath();
            return checkAgainstDatabase(out);
        }
        MigrationGraph graph = new MigrationGraph(files.load(), Set.of());
        Map<String, List<MigrationKey>> conflicts = graph.conflicts();
        if (merge) {
            if (conflicts.isEmpty()) {
                text(out, "No conflicts detected to merge.");
                return printJson(out);
            }
            for (String app : conflicts.keySet()) {
                Migration m = GraphTools.merge(graph, app);
                emit(out, m);
            }
            return printJson(out);
        }
        if (!conflicts.isEmpty()) {
            spec.commandLine().getErr().println("covet: conflicting migrations (parallel leaves) " + conflicts
                    + "; run `covet makemigrations --merge` to join them");
            return ExitCode.CHECK_FAILED;
        }
        List<Migration> changes = Autodetector.migrations(graph, loadSource(),
                questioner(json ? spec.commandLine().getErr() : out));
        if (changes.isEmpty()) {
            text(out, "No changes detected.");
            return printJson(out);
        }
        if (check) {
            // Name each change, so a failed check (CI, the Maven plugin's covet:check) says what is missing
            for (Migration m : changes) {
                listed.add(describe(m, null, false));
                text(out, "Changes without a migration in '" + m.app() + "':");
                for (Operation o : m.operations()) {
                    text(out, "    - " + o.describe());
                }
            }
            printJson(out);
            spec.commandLine().getErr().println("covet: the models have changes without migrations in app(s) "
                    + changes.stream().map(Migration::app).distinct().toList()
                    + "; run `covet makemigrations` and commit the files");
            return ExitCode.CHECK_FAILED;
        }
        for (Migration m : changes) {
            emit(out, m);
        }
        return printJson(out);
    }

    private void text(PrintWriter out, String line) {
        if (!json) {
            out.println(line);
        }
    }

    /** In --json mode prints what was listed as one object; returns {@link ExitCode#OK}. */
    private int printJson(PrintWriter out) {
        if (json) {
            out.println(JsonOut.write(Map.of("migrations", listed)));
        }
        return ExitCode.OK;
    }

    /** One migration of the --json output; {@code path} null for a change that --check found. */
    private static Map<String, Object> describe(Migration m, String path, boolean written) {
        Map<String, Object> j = new java.util.LinkedHashMap<>();
        j.put("app", m.app());
        j.put("name", m.name());
        j.put("path", path);
        j.put("written", written);
        j.put("operations", m.operations().stream().map(Operation::describe).toList());
        j.put("dependencies", m.dependencies().stream().map(MigrationKey::toString).toList());
        j.put("replaces", m.replaces().stream().map(MigrationKey::toString).toList());
        return j;
    }

    private int checkAgainstDatabase(PrintWriter out) {
        SchemaSource models = loadSource();
        try (Database db = database.open()) {
            List<String> diff = Drift.differences(db, models, Migrator.DEFAULT_HISTORY_TABLE);
            if (json) {
                out.println(JsonOut.write(Map.of("differences", diff)));
            }
            if (diff.isEmpty()) {
                text(out, "No changes detected: the models describe the database.");
                return ExitCode.OK;
            }
            diff.forEach(d -> text(out, d));
            spec.commandLine().getErr().println("covet: " + diff.size() + " difference(s) between the models and the "
                    + "database");
            return ExitCode.CHECK_FAILED;
        }
    }

    private void emit(PrintWriter out, Migration m) {
        String where = dryRun ? files.dir().resolve(m.app()).resolve(m.name() + ".json").toString()
                : MigrationFiles.write(files.dir(), m).toString();
        if (json) {
            listed.add(describe(m, where, !dryRun));
            return;
        }
        out.println("Migrations for '" + m.app() + "':");
        out.println("  " + where);
        for (Operation o : m.operations()) {
            out.println("    - " + o.describe());
        }
        if (m.operations().isEmpty()) {
            out.println("    - Merge " + m.dependencies());
        }
        if (dryRun) {
            out.print(MigrationFiles.toJson(m));
        }
    }

    private SchemaSource loadSource() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (source != null) {
            return sourceClass(cl, source, "--source");
        }
        List<String> packages = models != null ? models : files.project().models();
        if (packages.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no models given: pass --models PKG[,PKG…] or --source "
                    + "CLASS, or set covet.project.models in covet.properties / covet.yaml");
        }
        if (packages.size() == 1 && isClass(cl, packages.get(0))) {
            return sourceClass(cl, packages.get(0), "covet.project.models");
        }
        return ModelPackages.source(cl, packages);
    }

    private static boolean isClass(ClassLoader cl, String name) {
        try {
            Class.forName(name, false, cl);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private SchemaSource sourceClass(ClassLoader cl, String source, String where) {
        try {
            Object o = Class.forName(source, true, cl).getConstructor().newInstance();
            if (o instanceof SchemaSource s) {
                return s;
            }
            if (o instanceof java.util.function.Supplier<?> supplier && supplier.get() instanceof Orm orm) {
                return OrmSchemaSource.of(orm);
            }
            throw new ClassCastException();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ParameterException(spec.commandLine(), where + " " + source + " is neither a SchemaSource nor a "
                    + "Supplier<Orm> class with a public no-argument constructor on the classpath ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private Questioner questioner(PrintWriter out) {
        if (check) {
            // Only "is there any change" matters: never prompt, never refuse.
            return new Questioner() {
                @Override
                public boolean renameModel(String from, String to) {
                    return true;
                }

                @Override
                public boolean renameField(String table, String from, String to) {
                    return true;
                }

                @Override
                public ColumnDefault oneOffDefault(String table, Column column) {
                    return ColumnDefault.value("0");
                }
            };
        }
        if (yesRenames || noRenames) {
            return Questioner.nonInteractive(yesRenames);
        }
        return new Questioner() {
            @Override
            public boolean renameModel(String from, String to) {
                return ask(out, "Was the table " + from + " renamed to " + to + "? [y/N] ");
            }

            @Override
            public boolean renameField(String table, String from, String to) {
                return ask(out, "Was " + table + "." + from + " renamed to " + table + "." + to + "? [y/N] ");
            }

            @Override
            public ColumnDefault oneOffDefault(String table, Column column) {
                out.print("New NOT NULL column " + table + "." + column.name() + " has no default. Value for existing "
                        + "rows (empty to abort): ");
                out.flush();
                String line = read();
                return line == null || line.isBlank() ? null : ColumnDefault.value(line.strip());
            }
        };
    }

    private boolean ask(PrintWriter out, String question) {
        out.print(question);
        out.flush();
        String line = read();
        return line != null && line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    private String read() {
        try {
            return in.line();
        } catch (Exception e) {
            return null;
        }
    }
}
