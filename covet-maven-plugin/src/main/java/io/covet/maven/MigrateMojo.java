package io.covet.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code covet:migrate}: applies pending migrations, or moves one app to a named migration or {@code zero} (the
 * CLI's {@code covet migrate}). Data-migration classes are loaded from the project's compile class path.
 */
public class MigrateMojo extends CovetMojo {

    /** Only this app. */
    String app;

    /** With {@code app}: the target migration, or {@code zero}. */
    String target;

    /** Print the plan and change nothing. */
    boolean plan;

    /** Record (or unrecord) migrations without running them. */
    boolean fake;

    /** Accept applied migrations whose file changed and record their new checksums. */
    boolean acceptEdited;

    /** Lock timeout per operation, e.g. {@code 5s}. */
    String lockTimeout;

    /** How long to wait for another migrate holding the lock, e.g. {@code 10m} (the CLI's default). */
    String wait;

    /** Creates the goal (Maven instantiates it). */
    public MigrateMojo() {
    }

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("migrate"));
        if (target != null && app == null) {
            throw new MojoExecutionException("target '" + target + "' needs the app it belongs to: set app as well");
        }
        if (app != null) {
            args.add(app);
            if (target != null) {
                args.add(target);
            }
        }
        databaseArgs(args);
        migrationArgs(args);
        flag(args, "--plan", plan);
        flag(args, "--fake", fake);
        flag(args, "--accept-edited", acceptEdited);
        add(args, "--lock-timeout", lockTimeout);
        add(args, "--wait", wait);
        return args;
    }
}
