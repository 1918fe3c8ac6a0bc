package io.covet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.cli.common.ExitCode;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    @Test
    void versionAndHelp() {
        CliRun v = covet("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out().strip()).matches("covet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        CliRun h = covet("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("db", "demo", "Exit codes");
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        CliRun r = covet("db", "check", "--bogus");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("covet: Unknown option: '--bogus'").contains("covet db check --help");
        CliRun unknown = covet("frobnicate");
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void malformedUrlNamesThePartAndHidesThePassword() {
        CliRun r = covet("db", "check", "--database", "postgresql://app:hunter2@db:port/shop");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip()).isEqualTo("covet: malformed database URL 'postgresql://app:***@db:port/shop': "
                + "the port 'port' is not a number");
        CliRun scheme = covet("db", "check", "-d", "oracle://db/x");
        assertThat(scheme.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(scheme.err()).contains("supported schemes are postgresql, mariadb, mysql, sqlite");
    }

    @Test
    void unreachableServerIsExitThreeNamingHostAndPort() {
        CliRun r = covet("db", "check", "-d", "postgresql://app:hunter2@127.0.0.1:1/shop");
        assertThat(r.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.err()).contains("127.0.0.1:1").doesNotContain("hunter2");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @AllEngines
    void dbCheckPrintsEngineVersionAndFeatures(Scratch s) throws Exception {
        CliRun text = covet("db", "check", "--database", s.url());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("engine:   " + s.engine().displayName()).contains("yes cte");

        CliRun json = covet("db", "check", "--json", "--database", s.url());
        assertThat(json.exit()).isZero();
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertThat(n.get("engine").asText()).isEqualTo(s.engine().scheme());
        assertThat(n.get("features").get("window_functions").asBoolean()).isTrue();
        assertThat(n.get("features").get("copy").asBoolean()).isEqualTo(s.engine() == io.covet.core.engine.Engine.POSTGRESQL);
    }

    @Test
    void demoRunsEndToEndOnEmbeddedSqlite(@TempDir Path dir) {
        CliRun r = covet("demo", "--rows", "2000", "--database", "sqlite:" + dir.resolve("demo.db"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("SQLite").contains("Bulk-loaded 2,000 rows").contains("Streamed 2,000 rows back")
                .contains("Top sensors by average reading").contains("#1 sensor-")
                .contains("      Sensors > Climate > Temperature")
                .contains("rolled back to its savepoint").contains("orders are [book]")
                .contains("Applied shop.0001_initial").contains("No changes detected.")
                .contains("orders of customers in GB: 1").contains("revenue: 38.70")
                .contains("Create history triggers on orders writing orders_history")
                .containsPattern("order 1 total now 20.00, as of \\S+Z \\(asOf\\): 26.20")
                .containsPattern("audit: orders 1 ~ by ada \\(loyalty discount\\): \\[total 26.20? -> 20(\\.00)?]")
                .contains("Verified by a test restore: intact").contains("customers there: 2")
                .doesNotContain("never printed");
    }

    @Test
    void theExampleShopShipsUpToDateMigrations() {
        CliRun r = covet("makemigrations", "--migrations", "../examples/src/main/resources/db/migrations",
                "--source", io.covet.examples.shop.ShopModels.class.getName(), "--check");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("No changes detected.");
    }

    @Test
    void demoRejectsANonPositiveRowCount() {
        CliRun r = covet("demo", "--rows", "0");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--rows must be at least 1");
    }
}
