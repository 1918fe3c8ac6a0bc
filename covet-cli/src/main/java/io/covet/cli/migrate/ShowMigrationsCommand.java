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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open()) {
            List<MigrationStatus> st = Migrator.builder(db, files.load()).build().status();
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
