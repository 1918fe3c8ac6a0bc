package io.covet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.core.dialect.ServerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code covet db …}: commands about the database itself. */
@Command(name = "db", description = "Inspect the database.", mixinStandardHelpOptions = true,
        subcommands = {DbCommand.Check.class})
final class DbCommand {

    /** {@code covet db check}: connects and prints engine, version and detected features. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Connect, then print the engine, its version and the features Covet detected.")
    static final class Check implements Callable<Integer> {
        @Mixin
        DatabaseOption database;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = database.open()) {
                ServerInfo s = db.server();
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("database", db.name());
                    m.put("engine", s.engine().scheme());
                    m.put("version", s.version());
                    m.put("major", s.major());
                    m.put("minor", s.minor());
                    Map<String, Boolean> features = new LinkedHashMap<>();
                    for (Feature f : Feature.values()) {
                        features.put(f.name().toLowerCase(java.util.Locale.ROOT), s.supports(f));
                    }
                    m.put("features", features);
                    out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
                } else {
                    out.println("database: " + db.name());
                    out.println("engine:   " + s.engine().displayName());
                    out.println("version:  " + s.version());
                    out.println("features:");
                    for (Feature f : Feature.values()) {
                        out.printf("  %-3s %s%n", s.supports(f) ? "yes" : "no", f.name().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return ExitCode.OK;
        }
    }
}
