package io.covet.cli;

import io.covet.cli.common.ExitCode;
import io.covet.core.error.ConfigurationException;
import io.covet.core.error.CovetException;
import io.covet.core.dialect.InvalidIdentifierException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code covet} command line. Each failure prints one clear line on stderr and exits with an
 * {@link ExitCode}; stack traces are shown only with {@code COVET_DEBUG=1}.
 */
@Command(name = "covet",
        mixinStandardHelpOptions = true,
        versionProvider = CovetCli.Version.class,
        description = "Covet: the data layer for Java — database checks, demo, and more.",
        subcommands = {DbCommand.class, DemoCommand.class, io.covet.cli.backup.BackupCommand.class, io.covet.cli.backup.PitrCommand.class, io.covet.cli.migrate.MakeMigrationsCommand.class, io.covet.cli.migrate.MigrateCommand.class, io.covet.cli.migrate.SqlMigrateCommand.class, io.covet.cli.migrate.ShowMigrationsCommand.class, io.covet.cli.migrate.SchemaCommand.class, io.covet.cli.migrate.LintMigrationsCommand.class, io.covet.cli.migrate.SquashMigrationsCommand.class, io.covet.cli.migrate.InspectDbCommand.class, io.covet.cli.fixtures.DumpDataCommand.class, io.covet.cli.fixtures.LoadDataCommand.class, io.covet.cli.audit.AuditCommand.class, io.covet.cli.observe.ServeCommand.class, io.covet.cli.observe.StatsCommand.class, io.covet.cli.pool.PoolCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                " 0:success",
                " 1:a check found a problem",
                " 2:bad usage or input (unknown option, malformed URL, invalid configuration)",
                " 3:runtime failure (unreachable server, database error)"})
public final class CovetCli {

    /** Runs the CLI and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given output streams and returns the exit code (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new CovetCli());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExitCodeExceptionMapper(CovetCli::exitCodeOf);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("covet: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("covet: " + oneLine(ex));
            if ("1".equals(System.getenv("COVET_DEBUG"))) {
                ex.printStackTrace(commandLine.getErr());
            }
            return exitCodeOf(ex);
        });
        return cmd.execute(args);
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof ConfigurationException || t instanceof InvalidIdentifierException
                || t instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILURE;
    }

    /** The first line of the message, which for Covet exceptions says what happened and what to do. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        if (t instanceof ConfigurationException ce && ce.problems().size() > 1) {
            return String.join("; ", ce.problems());
        }
        if (!(t instanceof CovetException)) {
            m = t.getClass().getSimpleName() + ": " + m;
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Prints {@code covet <version>}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"covet " + version()};
        }
    }

    /** The Covet version this CLI was built from. */
    static String version() {
        try (InputStream in = CovetCli.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
