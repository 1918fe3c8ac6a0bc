package io.covet.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code covet:lint}: fails the build on migrations that are unsafe to run on a live database (the CLI's
 * {@code covet lintmigrations}).
 */
public class LintMojo extends CovetMojo {

    /** Lint every migration for this engine ({@code sqlite}, {@code postgresql}, {@code mariadb}) offline instead of the
     * pending ones of {@code database}. */
    String engine;

    /** Creates the goal (Maven instantiates it). */
    public LintMojo() {
    }

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("lintmigrations"));
        databaseArgs(args);
        migrationArgs(args);
        add(args, "--engine", engine);
        return args;
    }
}
