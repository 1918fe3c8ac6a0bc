package io.covet.maven;

import java.util.List;

/** A goal that reads the models: from packages ({@code models}) or a schema-source class ({@code source}). */
abstract class ModelsMojo extends CovetMojo {

    /**
     * Comma-separated packages (and their sub-packages) whose {@code @Model} classes are the models (the CLI's {@code --models}).
     * Default: {@code covet.project.models} of the configuration file.
     */
    String models;

    /**
     * A class implementing {@code io.covet.migrate.SchemaSource}, or a {@code Supplier<io.covet.orm.Orm>}, that gives the
     * models (the CLI's {@code --source}).
     */
    String source;

    void modelArgs(List<String> args) {
        add(args, "--models", models);
        add(args, "--source", source);
    }
}
