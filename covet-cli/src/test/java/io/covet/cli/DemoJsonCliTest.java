package io.covet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code covet demo --json}: the same steps as the text demo, run silently, and one JSON object of their results
 * on standard output, on every engine.
 */
class DemoJsonCliTest {

    @AllEngines
    void demoPrintsItsResultsAsOneObject(Scratch s) throws Exception {
        Database db = s.db();
        String url = s.engine() == Engine.SQLITE ? "sqlite:" + db.sql("PRAGMA database_list").list().get(0)
                .getString("file") : s.url();
        CliRun r = covet("demo", "--rows", "500", "--database", url, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).as(r.out()).hasSize(1);
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("engine").asText()).isEqualTo(s.engine().scheme());
        assertThat(n.get("database").asText()).doesNotContain("covet:covet@"); // no password
        assertThat(n.get("features").isArray()).isTrue();
        assertThat(n.get("loadedRows").asLong()).isEqualTo(500);
        assertThat(n.get("streamedRows").asLong()).isEqualTo(500);
        assertThat(n.get("sumOfReadings").asDouble()).isEqualTo(db.sql("SELECT SUM(reading) FROM demo_reading")
                .list(rs -> rs.getDouble(1)).get(0));
        assertThat(n.get("topSensors")).hasSize(3);
        assertThat(n.get("topSensors").get(0).get("place").asLong()).isEqualTo(1);
        assertThat(n.get("topSensors").get(0).get("sensor").asText()).startsWith("sensor-");
        assertThat(n.findValuesAsText("path")).contains("Sensors > Climate > Temperature");
        assertThat(n.get("savepointRolledBack").asBoolean()).isTrue();
        assertThat(n.get("ordersAfterCommit").get(0).asText()).isEqualTo("book");
        assertThat(n.get("ordersAfterCommit")).hasSize(1);
        JsonNode shop = n.get("shop");
        assertThat(shop.get("queries").toString()).contains("orders of customers in GB: 1", "revenue: 38.70");
        assertThat(shop.get("backupId").asText()).isNotBlank();
        assertThat(shop.get("verifiedIntact").asBoolean()).isTrue();
        // a test restore of a server's backup needs a scratch database of its engine, which the demo has not
        assertThat(shop.get("verifiedByRestore").asBoolean()).isEqualTo(s.engine() == Engine.SQLITE);
        // the shop's check constraints are written in the server's SQL: the SQLite copy leaves them out
        if (s.engine() == Engine.SQLITE) {
            assertThat(shop.get("restoreWarnings")).isEmpty();
        } else {
            assertThat(shop.get("restoreWarnings").toString()).contains("order_line_quantity_positive",
                    "product_price_positive");
        }
        assertThat(shop.get("restoredCustomers").asLong()).isEqualTo(2);
        assertThat(n.get("topShapes")).hasSize(3);
        assertThat(n.get("topShapes").get(0).get("calls").asLong()).isPositive();
        assertThat(n.get("totalMillis").asDouble()).isPositive();
    }
}
