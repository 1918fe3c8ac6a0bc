package io.covet.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;

/** {@code covet:showmigrations}: lists each migration, applied or pending (the CLI's {@code covet showmigrations}). */
public class ShowMigrationsMojo extends CovetMojo {

    /** Creates the goal (Maven instantiates it). */
    public ShowMigrationsMojo() {
    }

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("showmigrations"));
        databaseArgs(args);
        migrationArgs(args);
        return args;
    }
}
