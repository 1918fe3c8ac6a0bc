package io.covet.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.cli.CliRun;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code --json} forms of makemigrations, sqlmigrate, squashmigrations and inspectdb: one object on standard
 * output that Jackson parses, carrying the values the text form shows, and nothing else on standard output.
 * What reads a database runs on every engine; what only reads migration files runs once.
 */
class MoreJsonCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode parse(CliRun r) throws Exception {
        assertThat(r.out().strip().lines()).as(r.out() + r.err()).hasSize(1);
        return JSON.readTree(r.out());
    }

    static List<String> texts(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(n -> all.add(n.asText()));
        return all;
    }

    @Test
    void makemigrationsSqlmigrateAndSquashmigrationsPrintOneObject(@TempDir Path dir) throws Exception {
        String d = dir.toString();
        String v1 = Models.V1.class.getName();
        String v2 = Models.V2.class.getName();
        JsonNode made = parse(covet("makemigrations", "--migrations", d, "--source", v1, "--json"));
        JsonNode first = made.get("migrations").get(0);
        assertThat(made.get("migrations")).hasSize(1);
        assertThat(first.get("app").asText()).isEqualTo("lib");
        assertThat(first.get("name").asText()).isEqualTo("0001_initial");
        assertThat(first.get("written").asBoolean()).isTrue();
        assertThat(Path.of(first.get("path").asText())).isEqualTo(dir.resolve("lib/0001_initial.json")).exists();
        assertThat(texts(first.get("operations"))).contains("Create model author", "Create model book");

        assertThat(parse(covet("makemigrations", "--migrations", d, "--source", v1, "--json")).get("migrations"))
                .isEmpty();
        CliRun check = covet("makemigrations", "--migrations", d, "--source", v2, "--check", "--json");
        assertThat(check.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode change = parse(check).get("migrations").get(0);
        assertThat(change.get("written").asBoolean()).isFalse();
        assertThat(change.get("path").isNull()).isTrue();
        assertThat(texts(change.get("operations"))).containsExactly("Rename field name on author to full_name");
        assertThat(check.err()).contains("the models have changes without migrations in app(s) [lib]");

        // Without --yes-renames the questions are asked on standard error, never into the JSON (no answer here:
        // not a rename, and no value for the new NOT NULL column, so nothing is written)
        CliRun asked = covet("makemigrations", "--migrations", d, "--source", v2, "--json");
        assertThat(asked.err()).contains("Was author.name renamed to author.full_name? [y/N]");
        assertThat(asked.out()).isEmpty();
        JsonNode dry = parse(covet("makemigrations", "--migrations", d, "--source", v2, "--dry-run", "--yes-renames",
                "--json")).get("migrations").get(0);
        assertThat(dry.get("written").asBoolean()).isFalse();
        assertThat(Path.of(dry.get("path").asText())).doesNotExist();
        JsonNode second = parse(covet("makemigrations", "--migrations", d, "--source", v2, "--yes-renames",
                "--json")).get("migrations").get(0);
        String name = second.get("name").asText();
        assertThat(texts(second.get("dependencies"))).containsExactly("lib.0001_initial");
        assertThat(Path.of(second.get("path").asText())).exists();

        JsonNode sql = parse(covet("sqlmigrate", "lib", name, "--migrations", d, "--engine", "postgresql", "--json"));
        assertThat(sql.get("app").asText()).isEqualTo("lib");
        assertThat(sql.get("name").asText()).isEqualTo(name);
        assertThat(sql.get("engine").asText()).isEqualTo("postgresql");
        assertThat(sql.get("backwards").asBoolean()).isFalse();
        assertThat(texts(sql.get("statements")))
                .contains("ALTER TABLE \"author\" RENAME COLUMN \"name\" TO \"full_name\";");
        JsonNode back = parse(covet("sqlmigrate", "lib", name, "--migrations", d, "--engine", "mariadb",
                "--backwards", "--json"));
        assertThat(back.get("backwards").asBoolean()).isTrue();
        assertThat(texts(back.get("statements"))).contains("ALTER TABLE `author` RENAME COLUMN `full_name` TO `name`;");

        JsonNode squashed = parse(covet("squashmigrations", "lib", "0001_initial", name, "--migrations", d, "--json"));
        assertThat(squashed.get("app").asText()).isEqualTo("lib");
        assertThat(texts(squashed.get("replaces"))).containsExactly("lib.0001_initial", "lib." + name);
        assertThat(Path.of(squashed.get("path").asText())).exists()
                .hasFileName(squashed.get("name").asText() + ".json");
        assertThat(texts(squashed.get("operations"))).contains("Create model author");
    }

    @AllEngines
    void inspectdbAndTheDatabaseCheckPrintOneObject(Scratch s, @TempDir Path dir) throws Exception {
        Database db = s.db();
        var q = db.dialect();
        db.sql("CREATE TABLE " + q.quote("shelf") + " (" + q.quote("id") + " INTEGER PRIMARY KEY, "
                + q.quote("label") + " VARCHAR(40) NOT NULL)").execute();
        db.sql("CREATE TABLE " + q.quote("volume") + " (" + q.quote("id") + " INTEGER PRIMARY KEY, "
                + q.quote("shelf_id") + " INTEGER REFERENCES " + q.quote("shelf") + " (" + q.quote("id") + "))")
                .execute();
        String url = s.engine() == Engine.SQLITE ? "sqlite:" + db.sql("PRAGMA database_list").list().get(0)
                .getString("file") : s.url();

        CliRun printed = covet("inspectdb", "-d", url, "--package", "legacy.books", "--json");
        assertThat(printed.exit()).as(printed.err()).isZero();
        assertThat(printed.err()).isEmpty();
        JsonNode p = parse(printed);
        assertThat(p.get("tables").asInt()).isEqualTo(2);
        assertThat(p.get("written").asInt()).isEqualTo(2);
        List<String> tables = new ArrayList<>();
        p.get("models").forEach(m -> tables.add(m.get("table").asText()));
        assertThat(tables).containsExactly("shelf", "volume");
        JsonNode shelf = p.get("models").get(0);
        assertThat(shelf.get("className").asText()).isEqualTo("Shelf");
        assertThat(shelf.get("path").isNull()).isTrue();
        assertThat(shelf.get("source").asText()).contains("package legacy.books;", "class Shelf", "label");

        Path src = dir.resolve("src");
        JsonNode w = parse(covet("inspectdb", "-d", url, "--package", "legacy.books", "--out", src.toString(),
                "--table", "volume", "--json"));
        JsonNode volume = w.get("models").get(0);
        assertThat(w.get("tables").asInt()).isEqualTo(1);
        assertThat(volume.get("source").isNull()).isTrue();
        Path file = Path.of(volume.get("path").asText());
        assertThat(file).isEqualTo(src.resolve("legacy/books/Volume.java"));
        assertThat(Files.readString(file)).contains("class Volume");

        // makemigrations --check --against-database: the differences as JSON, exit 1 when there are some
        CliRun drift = covet("makemigrations", "--check", "--against-database", "-d", url, "--source",
                Models.V1.class.getName(), "--json");
        assertThat(drift.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(texts(parse(drift).get("differences"))).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("shelf"));
    }
}
