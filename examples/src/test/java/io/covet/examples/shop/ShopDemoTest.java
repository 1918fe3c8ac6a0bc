package io.covet.examples.shop;

import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ShopDemoTest {

    @AllEngines
    void theDemoDefinesFillsAndQueriesTheShop(Scratch s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int lines = ShopDemo.run(s.db(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("orders of customers in GB: 1", "Ada bought 2 x Book", "Linus bought 1 x Book",
                "Ada has 1 order(s)", "revenue: 38.70");
        assertThat(out.lines().count()).isEqualTo(lines);
    }
}
