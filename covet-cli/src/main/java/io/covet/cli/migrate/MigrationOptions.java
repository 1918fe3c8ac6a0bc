package io.covet.cli.migrate;

import io.covet.core.CovetConfiguration;
import io.covet.core.engine.Engine;
import io.covet.migrate.Migration;
import io.covet.migrate.MigrationFiles;
import picocli.CommandLine.Option;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options shared by the migration commands: where the migration files are, and extra classpath entries. Each
 * falls back to the project configuration ({@code covet.project.*} in {@code covet.properties}/{@code covet.yaml}),
 * then to the Maven layout.
 */
public final class MigrationOptions {
    static final Path DEFAULT_DIR = Path.of("src/main/resources/db/migrations");

    @Option(names = "--migrations", paramLabel = "DIR",
            description = "Directory of migration files (<app>/<name>.json). Default: covet.project.migrations, "
                    + "else src/main/resources/db/migrations.")
    Path dir;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Extra jars/directories (separated by the platform path separator) holding model sources and "
                    + "RunJava data-migration classes; added to covet.project.classpath.")
    String classpath;

    private CovetConfiguration.Project project;

    /** The project settings of the configuration file in the working directory (read once). */
    public CovetConfiguration.Project project() {
        if (project == null) {
            project = CovetConfiguration.discover().project();
        }
        return project;
    }

    /** The migrations directory: the option, else the configured one, else the Maven layout. */
    Path dir() {
        if (dir == null) {
            dir = project().migrations().orElse(DEFAULT_DIR);
        }
        return dir;
    }

    /** Loads the migration files, after putting the extra classpath on the context class loader. */
    List<Migration> load() {
        installClasspath();
        return MigrationFiles.load(dir());
    }

    /** Puts covet.project.classpath and --classpath on the context class loader. */
    public void installClasspath() {
        List<URL> urls = new ArrayList<>();
        for (Path p : project().classpath()) {
            urls.add(url(p, "covet.project.classpath"));
        }
        if (classpath != null && !classpath.isBlank()) {
            for (String p : classpath.split(File.pathSeparator)) {
                try {
                    urls.add(url(Path.of(p), "--classpath"));
                } catch (java.nio.file.InvalidPathException e) {
                    throw new IllegalArgumentException("--classpath entry '" + p + "' is not a valid path");
                }
            }
        }
        if (!urls.isEmpty()) {
            Thread.currentThread().setContextClassLoader(new URLClassLoader(urls.toArray(URL[]::new),
                    MigrationOptions.class.getClassLoader()));
        }
    }

    private static URL url(Path p, String where) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(where + " entry '" + p + "' is not a valid path");
        }
    }

    static Engine engine(String name) {
        return Engine.forScheme(name);
    }
}
