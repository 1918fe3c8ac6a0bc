package io.covet.cli.migrate;

import io.covet.cli.common.ExitCode;
import io.covet.cli.common.JsonOut;
import io.covet.core.dialect.Dialect;
import io.covet.migrate.MigrationGraph;
import io.covet.migrate.MigrationKey;
import io.covet.migrate.SqlPreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code covet sqlmigrate APP NAME}: the SQL of one migration for an engine; no database is touched. */
@Command(name = "sqlmigrate", mixinStandardHelpOptions = true,
        description = "Print the SQL a migration runs on an engine, without connecting to any database.")
public final class SqlMigrateCommand implements Callable<Integer> {
    @Mixin
    MigrationOptions files;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(names = "--backwards", description = "The SQL that unapplies it.")
    boolean backwards;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "sqlite",
            description = "postgresql, mariadb, mysql or sqlite (default ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--json", description = "Print one JSON object instead of text: {app, name, engine, backwards, "
            + "statements: [...]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MigrationGraph g = new MigrationGraph(files.load(), Set.of());
        io.covet.core.engine.Engine e = MigrationOptions.engine(engine);
        List<String> sql = SqlPreview.sql(g, new MigrationKey(app, name), Dialect.of(e), backwards);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("app", app);
            m.put("name", name);
            m.put("engine", e.scheme());
            m.put("backwards", backwards);
            m.put("statements", sql);
            spec.commandLine().getOut().println(JsonOut.write(m));
        } else {
            sql.forEach(spec.commandLine().getOut()::println);
        }
        return ExitCode.OK;
    }
}
