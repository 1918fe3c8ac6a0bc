package io.covet.examples.springshop;

import io.covet.core.engine.Engine;
import io.covet.testing.EngineSource;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot shop on MariaDB, in a scratch database of the test server (COVET_TEST_MARIADB_URL). Runs when
 * MariaDB is among the selected engines (always under CI, where a missing server fails the run).
 */
@EnabledIf("mariadbSelected")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SpringShopContract.Probes.class)
class MariadbSpringShopTest extends SpringShopContract {
    private static Scratch scratch;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        scratch = Scratch.on(Engine.MARIADB);
        registry.add("covet.databases.default.url", scratch::url);
    }

    @AfterAll
    static void dropScratch() throws Exception {
        scratch.close();
    }

    static boolean mariadbSelected() {
        return EngineSource.selected().contains(Engine.MARIADB);
    }

    @Override
    Engine engine() {
        return Engine.MARIADB;
    }
}
