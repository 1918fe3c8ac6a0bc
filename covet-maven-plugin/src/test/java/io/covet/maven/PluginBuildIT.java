package io.covet.maven;

import io.covet.core.engine.Engine;
import io.covet.testing.EngineSource;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Maven builds of a small application ({@code src/test/projects/shop}) that uses the plugin: each test copies the
 * project, runs {@code mvn -o} as a child process against a local repository under {@code target/} (the plugin and
 * Covet's modules, installed there by the invoker plugin; everything else read from the user's repository as a
 * read-only tail), and checks the build's outcome and output.
 */
class PluginBuildIT {
    private static final Path PROJECT = Path.of("src/test/projects/shop");

    @TempDir
    Path work;

    @Test
    void makemigrationsWritesTheFileAndCheckFailsNamingAModelChangeWithoutMigration() throws Exception {
        Path app = copy();
        // makemigrations writes the file; check, later in the same build, then finds nothing missing
        Build first = mvn(app, "process-classes", "covet:makemigrations", "covet:check");
        assertThat(first.exit).as(first.log).isZero();
        assertThat(first.log).contains("Migrations for 'shop':", "- Create model product", "No changes detected.");
        Path initial = app.resolve("src/main/resources/db/migrations/shop/0001_initial.json");
        assertThat(initial).exists();
        assertThat(Files.readString(initial)).contains("\"product\"");

        addField(app);
        Build changed = mvn(app, "process-classes", "covet:check");
        assertThat(changed.exit).as(changed.log).isNotZero();
        assertThat(changed.log).contains("BUILD FAILURE", "Changes without a migration in 'shop':",
                "- Add field sku to product",
                "covet: the models have changes without migrations in app(s) [shop]; run `covet makemigrations` "
                        + "and commit the files");
        assertThat(app.resolve("src/main/resources/db/migrations/shop")).isDirectoryNotContaining("glob:**/0002*");
    }

    static Stream<Engine> engines() {
        return EngineSource.selected().stream().filter(e -> e != Engine.MARIADB);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void migrateAppliesTheMigrations(Engine engine) throws Exception {
        Path app = copy();
        try (Scratch scratch = Scratch.on(engine)) {
            String url = scratch.url();
            Build migrate = mvn(app, "process-classes", "covet:makemigrations", "covet:migrate",
                    "covet:showmigrations", "-Dcovet.database=" + url);
            assertThat(migrate.exit).as(migrate.log).isZero();
            assertThat(migrate.log).contains("[X] 0001_initial");
            try (Connection c = scratch.rawConnection(); ResultSet rs = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM product")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    private Path copy() throws IOException {
        Path app = Files.createTempDirectory(work, "shop");
        try (Stream<Path> files = Files.walk(PROJECT)) {
            for (Path p : files.toList()) {
                Path to = app.resolve(PROJECT.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(p).replace("@covet.version@",
                            System.getProperty("covet.version")));
                }
            }
        }
        return app;
    }

    private static void addField(Path app) throws IOException {
        Path model = app.resolve("src/main/java/com/example/shop/Product.java");
        Files.writeString(model, Files.readString(model).replace("/*EXTRA*/",
                "@io.covet.orm.Column(maxLength = 20, nullable = true)\n    String sku;"));
    }

    record Build(int exit, String log) {
    }

    private static Build mvn(Path dir, String... goals) throws Exception {
        String home = System.getProperty("maven.home");
        List<String> cmd = new ArrayList<>(List.of(Path.of(home, "bin", "mvn").toString(), "-B", "-o", "-ntp",
                "-Dmaven.repo.local=" + Path.of(System.getProperty("covet.it.repo")).toAbsolutePath(),
                "-Dmaven.repo.local.tail=" + System.getProperty("covet.user.repo")));
        cmd.addAll(List.of(goals));
        Path log = Files.createTempFile(dir.getParent(), "mvn", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " did not finish in 5 minutes: "
                    + Files.readString(log));
        }
        return new Build(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
