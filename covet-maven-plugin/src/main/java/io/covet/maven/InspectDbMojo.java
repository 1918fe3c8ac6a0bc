package io.covet.maven;

import org.apache.maven.plugin.MojoExecutionException;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code covet:inspectdb}: writes model classes for the tables of an existing database (the CLI's
 * {@code covet inspectdb}); existing files are never overwritten.
 */
public class InspectDbMojo extends CovetMojo {

    /** Java package of the generated models, e.g. {@code com.example.legacy}. */
    String packageName;

    /** Source root to write into; default {@code src/main/java} of the project. */
    File out;

    /** Only these tables, comma-separated (default: all). */
    String tables;

    /** Creates the goal (Maven instantiates it). */
    public InspectDbMojo() {
    }

    @Override
    boolean needsProjectClasses() {
        return false;
    }

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("inspectdb", "--package", packageName));
        databaseArgs(args);
        add(args, "--out", out.getAbsolutePath());
        add(args, "--table", tables);
        return args;
    }
}
