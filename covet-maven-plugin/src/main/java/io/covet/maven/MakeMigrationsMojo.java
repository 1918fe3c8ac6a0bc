package io.covet.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code covet:makemigrations}: writes the migration files that take the migration files' state to the models' (the
 * CLI's {@code covet makemigrations}). Bound to {@code process-classes}, so the models it reads are the ones just
 * compiled; they are loaded from the project's compile class path.
 */
public class MakeMigrationsMojo extends ModelsMojo {

    /** Print the migrations that would be written; write nothing. */
    boolean dryRun;

    /** Write merge migrations for apps with parallel leaf migrations. */
    boolean merge;

    /**
     * How to treat rename candidates, which a build cannot ask about: {@code yes} (every candidate is a rename) or
     * {@code no} (drop and add instead). Unset: the CLI asks on the console when there is one, else does not rename.
     */
    String renames;

    /** Creates the goal (Maven instantiates it). */
    public MakeMigrationsMojo() {
    }

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("makemigrations"));
        modelArgs(args);
        migrationArgs(args);
        flag(args, "--dry-run", dryRun);
        flag(args, "--merge", merge);
        if (renames != null) {
            switch (renames) {
                case "yes" -> args.add("--yes-renames");
                case "no" -> args.add("--no-renames");
                default -> throw new MojoExecutionException("renames must be 'yes' or 'no', was '" + renames + "'");
            }
        }
        return args;
    }
}
