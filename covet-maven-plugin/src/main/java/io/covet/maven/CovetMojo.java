package io.covet.maven;

import io.covet.cli.CovetCli;
import io.covet.cli.common.ExitCode;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every Covet goal shares: the configuration file, the database, the migrations directory, and running one
 * {@code covet} command through {@link CovetCli#run} so that its output, messages and exit code are exactly the
 * command line's. Exit 0 passes; exit 1 (a check found a problem) and 2 (bad usage or configuration) fail the build
 * with the command's own output as the message; exit 3 (runtime failure) is an execution error.
 *
 * <p>Settings come from the POM ({@code <configuration>}), from {@code -Dcovet.*} user properties, or from the
 * project's {@code covet.properties}/{@code covet.yaml} (read as the CLI reads it, with paths relative to that file).
 */
abstract class CovetMojo extends AbstractMojo {

    /** The project being built. */
    protected MavenProject project;

    /**
     * The Covet configuration file ({@code covet.properties} or {@code covet.yaml}); read when it exists. Default: the
     * first of {@code covet.properties}, {@code covet.yaml}, {@code covet.yml} in the project's base directory.
     */
    protected File configFile;

    /**
     * Database URL, e.g. {@code sqlite:target/app.db} or {@code postgresql://user@host:5432/db} (the CLI's
     * {@code --database}). Default: the configuration file's {@code default} database, else the CLI's default.
     */
    protected String database;

    /**
     * Directory of migration files (the CLI's {@code --migrations}). Default: {@code covet.project.migrations} of the
     * configuration file, else {@code src/main/resources/db/migrations} of this project.
     */
    protected File migrations;

    /** Skips the goal. */
    protected boolean skip;

    /** The command line after {@code covet}, for this goal and its configuration. */
    abstract List<String> arguments() throws MojoExecutionException;

    /** Whether the command reads the project's compiled classes (models, data-migration classes). */
    boolean needsProjectClasses() {
        return true;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping (covet.skip)");
            return;
        }
        List<String> args = arguments();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        String configBefore = System.getProperty(CONFIG_PROPERTY);
        Path config = configFile();
        int exit;
        try (URLClassLoader classes = needsProjectClasses() ? projectClassLoader() : null) {
            if (classes != null) {
                thread.setContextClassLoader(classes);
            }
            if (config != null) {
                System.setProperty(CONFIG_PROPERTY, config.toString());
            }
            getLog().debug("covet " + String.join(" ", args));
            try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
                exit = CovetCli.run(o, e, args.toArray(String[]::new));
            }
        } catch (java.io.IOException e) {
            throw new MojoExecutionException("cannot close the project class loader: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(before);
            if (configBefore == null) {
                System.clearProperty(CONFIG_PROPERTY);
            } else {
                System.setProperty(CONFIG_PROPERTY, configBefore);
            }
        }
        out.toString().lines().forEach(getLog()::info);
        if (exit == ExitCode.OK) {
            err.toString().lines().forEach(getLog()::warn);
            return;
        }
        String message = (out + err.toString()).strip();
        if (exit == ExitCode.CHECK_FAILED || exit == ExitCode.USAGE) {
            throw new MojoFailureException(message);
        }
        throw new MojoExecutionException(message);
    }

    private static final String CONFIG_PROPERTY = "covet.config";

    /** The configuration file to read, or null when the project has none. */
    Path configFile() throws MojoExecutionException {
        if (configFile != null) {
            if (!configFile.isFile()) {
                throw new MojoExecutionException("configFile " + configFile + " does not exist; point it at the "
                        + "project's covet.properties or covet.yaml, or leave it out");
            }
            return configFile.toPath().toAbsolutePath();
        }
        for (String name : List.of("covet.properties", "covet.yaml", "covet.yml")) {
            Path p = project.getBasedir().toPath().resolve(name);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }

    /** Adds {@code --database} when configured. */
    void databaseArgs(List<String> args) {
        if (database != null && !database.isBlank()) {
            args.add("--database");
            args.add(database);
        }
    }

    /**
     * Adds {@code --migrations}: the configured directory, else (when the configuration file names none) the project's
     * {@code src/main/resources/db/migrations}, resolved against the base directory rather than Maven's working one.
     */
    void migrationArgs(List<String> args) throws MojoExecutionException {
        Path dir = migrations != null ? migrations.toPath() : null;
        if (dir == null && !configNamesMigrations()) {
            dir = project.getBasedir().toPath().resolve("src/main/resources/db/migrations");
        }
        if (dir != null) {
            args.add("--migrations");
            args.add(dir.toAbsolutePath().toString());
        }
    }

    private boolean configNamesMigrations() throws MojoExecutionException {
        Path config = configFile();
        if (config == null) {
            return false;
        }
        try {
            return io.covet.core.CovetConfiguration.load(config, java.util.Map.of()).project().migrations().isPresent();
        } catch (RuntimeException e) {
            return false; // the command itself reports the broken file, with the CLI's message
        }
    }

    /**
     * A class loader over the project's compile class path (its classes and dependencies), whose parent is the
     * plugin's: the models and data-migration classes come from the project, Covet's own classes from the plugin,
     * so both sides agree on {@code io.covet.orm.Orm} and the schema types.
     */
    URLClassLoader projectClassLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("cannot read the project's compile class path: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), CovetMojo.class.getClassLoader());
    }

    static void add(List<String> args, String option, String value) {
        if (value != null && !value.isBlank()) {
            args.add(option);
            args.add(value);
        }
    }

    static void flag(List<String> args, String option, boolean on) {
        if (on) {
            args.add(option);
        }
    }
}
