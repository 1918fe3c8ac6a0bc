package io.covet.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;

/** {@code covet:sqlmigrate}: prints the SQL of one migration for an engine (the CLI's {@code covet sqlmigrate}). */
public class SqlMigrateMojo extends CovetMojo {

    /** The migration's app. */
    String app;

    /** The migration's name, e.g. {@code 0001_initial}. */
    String name;

    /** The engine whose SQL is printed: {@code sqlite}, {@code postgresql} or {@code mariadb} (the CLI's default: sqlite). */
    String engine;

    /** Print the SQL that unapplies it. */
    boolean backwards;

    /** Creates the goal (Maven instantiates it). */
    public SqlMigrateMojo() {
    }

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("sqlmigrate", app, name));
        migrationArgs(args);
        add(args, "--engine", engine);
        flag(args, "--backwards", backwards);
        return args;
    }
}
