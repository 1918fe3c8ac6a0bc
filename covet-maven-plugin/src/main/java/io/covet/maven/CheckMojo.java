package io.covet.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code covet:check}: fails the build when the models have changes that no migration file covers, naming each
 * change (the CLI's {@code covet makemigrations --check}); writes nothing. With {@code againstDatabase}, compares
 * the models with the live database instead and fails listing each difference (drift).
 */
public class CheckMojo extends ModelsMojo {

    /** Compare the models with the database ({@code database}) rather than with the migration files. */
    boolean againstDatabase;

    /** Creates the goal (Maven instantiates it). */
    public CheckMojo() {
    }

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("makemigrations", "--check"));
        flag(args, "--against-database", againstDatabase);
        modelArgs(args);
        migrationArgs(args);
        databaseArgs(args);
        return args;
    }
}
