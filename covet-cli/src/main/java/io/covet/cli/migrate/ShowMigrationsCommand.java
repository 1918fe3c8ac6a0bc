package io.covet.cli.migrate;

import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.migrate.MigrationStatus;
import io.covet.migrate.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code covet showmigrations}: each migration, applied or not, partial, edited. */
@Command(name = "showmigrations", mixinStandardHelpOptions = true,
        description = "List migrations: [X] applied, [ ] pending, [~] partially applied; flags edited files.")
public final class ShowMigrationsCommand implements Callable<Integer> {
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
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            List<MigrationStatus> st = Migrator.builder(db, files.load()).build().status();
            if (json) {
                List<java.util.Map<String, Object>> list = st.stream().map(x -> {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("app", x.key().app());
                    m.put("name", x.key().name());
                    m.put("applied", x.applied());
                    m.put("partial", x.partial());
                    m.put("edited", x.edited());
                    m.put("appliedAt", x.appliedAt());
                    return m;
                }).toList();
                out.println(io.covet.cli.common.JsonOut.write(java.util.Map.of("migrations", list)));
                return ExitCode.OK;
            }
            String app = null;
            for (MigrationStatus s : st.stream().sorted((a, b) -> a.key().app().compareTo(b.key().app())).toList()) {
                if (!s.key().app().equals(app)) {
                    app = s.key().app();
                    out.println(app);
                }
                out.println(" " + s.toString().replace(s.key().toString(), s.key().name()));
            }
            if (st.isEmpty()) {
                out.println("No migrations in " + files.dir());
            }
        }
        return ExitCode.OK;
    }
}
