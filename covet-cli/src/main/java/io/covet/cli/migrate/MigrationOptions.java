package io.covet.cli.migrate;

import io.covet.core.dialect.Engine;
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

/** Options shared by the migration commands: where the migration files are, and extra classpath entries. */
final class MigrationOptions {
    @Option(names = "--migrations", paramLabel = "DIR", defaultValue = "src/main/resources/db/migrations",
            description = "Directory of migration files (<app>/<name>.json). Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Extra jars/directories (separated by the platform path separator) holding model sources and "
                    + "RunJava data-migration classes.")
    String classpath;

    /** Loads the migration files, after putting {@code --classpath} on the context class loader. */
    List<Migration> load() {
        installClasspath();
        return MigrationFiles.load(dir);
    }

    void installClasspath() {
        if (classpath == null || classpath.isBlank()) {
            return;
        }
        List<URL> urls = new ArrayList<>();
        for (String p : classpath.split(File.pathSeparator)) {
            try {
                urls.add(Path.of(p).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry '" + p + "' is not a valid path");
            }
        }
        Thread.currentThread().setContextClassLoader(new URLClassLoader(urls.toArray(URL[]::new),
                MigrationOptions.class.getClassLoader()));
    }

    static Engine engine(String name) {
        return Engine.forScheme(name);
    }
}
