package io.covet.cli.migrate;

import io.covet.cli.CliRun;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Datasets;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adopting an existing database from the command line: {@code covet inspectdb} writes models for Chinook, they
 * compile (Covet's bookkeeping tables get none), {@code makemigrations --check --against-database} finds them equal
 * to the database, and a column
 * added by hand afterwards is reported. The project file ({@code -Dcovet.config}) supplies models and migrations.
 */
class InspectDbCliTest {

    @AllEngines
    void inspectdbModelsMatchTheirDatabaseUntilItChanges(Scratch s, @TempDir Path dir) throws Exception {
        try (Database db = Datasets.loadChinook(s)) {
            String url = s.engine() == Engine.SQLITE ? "sqlite:" + db.sql("PRAGMA database_list").list().get(0)
                    .getString("file") : s.url();
            Path src = dir.resolve("src");
            // a bookkeeping table a history migration makes: no model for it (the count below stays 11)
            db.sql(io.covet.schema.HistoryTable.horizonDdl(db.dialect())).execute();
            CliRun r = covet("inspectdb", "-d", url, "--package", "legacy.chinook", "--out", src.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).contains("covet: 11 model(s) from 11 table(s)").doesNotContain("note:");
            Path classes = compile(src, dir.resolve("classes"));

            CliRun check = covet("makemigrations", "--check", "--against-database", "-d", url,
                    "--models", "legacy.chinook", "--classpath", classes.toString());
            assertThat(check.exit()).as(check.out() + check.err()).isZero();
            assertThat(check.out()).contains("No changes detected: the models describe the database.");

            String genre = s.engine() == Engine.POSTGRESQL ? "genre" : "Genre";
            db.sql("ALTER TABLE " + db.dialect().quote(genre) + " ADD COLUMN " + db.dialect().quote("added_by_hand")
                    + " INTEGER").execute();
            CliRun drifted = covet("makemigrations", "--check", "--against-database", "-d", url,
                    "--models", "legacy.chinook", "--classpath", classes.toString());
            assertThat(drifted.exit()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(drifted.out()).startsWith("column " + genre + ".added_by_hand: in the database but not in the "
                    + "models (integer NULL)");
            assertThat(drifted.err()).contains("covet: 1 difference(s) between the models and the database");

            CliRun again = covet("inspectdb", "-d", url, "--package", "legacy.chinook", "--out", src.toString());
            assertThat(again.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(again.err()).contains("already exists; inspectdb never overwrites a model");
        }
    }

    @Test
    void badArgumentsAreOneClearLineAndWriteNothing(@TempDir Path dir) throws Exception {
        String url = "sqlite:" + dir.resolve("app.db");
        try (Database db = Database.open(url)) {
            db.sql("CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT)").execute();
        }
        CliRun badPackage = covet("inspectdb", "-d", url, "--package", "Not.A.Package", "--out", dir.toString());
        assertThat(badPackage.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badPackage.err()).contains("--package 'Not.A.Package' is not a Java package name");
        CliRun badTable = covet("inspectdb", "-d", url, "--package", "a.b", "--table", "thing,nope");
        assertThat(badTable.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badTable.err()).contains("no table nope in the database; its tables are [thing]");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".java"))).isEmpty();
        }
        CliRun printed = covet("inspectdb", "-d", url, "--package", "a.b");
        assertThat(printed.exit()).isZero();
        assertThat(printed.out()).contains("// Thing.java").contains("package a.b;")
                .contains("@Model(table = \"thing\")").contains("public class Thing extends Entity");
    }

    @Test
    void theProjectFileNamesModelsAndMigrations(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("covet.properties");
        Path examples = Path.of("../examples/src/main/resources/db/migrations").toAbsolutePath().normalize();
        Files.writeString(conf, "covet.project.models=io.covet.examples.shop\n"
                + "covet.project.migrations=" + examples.toString().replace("\\", "/") + "\n");
        System.setProperty("covet.config", conf.toString());
        try {
            CliRun r = covet("makemigrations", "--check");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("No changes detected.");

            Files.writeString(conf, "covet.project.models=io.covet.examples.nothing_here\n"
                    + "covet.project.migrations=" + dir.resolve("none").toString().replace("\\", "/") + "\n");
            CliRun none = covet("makemigrations", "--check");
            assertThat(none.exit()).isNotZero();
            assertThat(none.err()).contains("package io.covet.examples.nothing_here holds no Covet model on the class "
                    + "path");
            assertThat(dir.resolve("none")).doesNotExist();
        } finally {
            System.clearProperty("covet.config");
        }
        CliRun noModels = covet("makemigrations", "--check", "--migrations", dir.toString());
        assertThat(noModels.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noModels.err()).contains("no models given: pass --models PKG[,PKG…] or --source CLASS, or set "
                + "covet.project.models");
    }

    /** Compiles the generated sources with the ORM's annotation processor. */
    private static Path compile(Path src, Path out) throws Exception {
        Files.createDirectories(out);
        List<File> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        assertThat(files).hasSize(11);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(null, fm, null, List.of("-d", out.toString(), "-classpath",
                    System.getProperty("java.class.path")), null, fm.getJavaFileObjectsFromFiles(files)).call();
            assertThat(ok).isTrue();
        }
        return out;
    }
}
