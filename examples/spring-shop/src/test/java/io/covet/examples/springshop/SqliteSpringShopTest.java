package io.covet.examples.springshop;

import io.covet.core.engine.Engine;
import io.covet.testing.EngineSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Spring Boot shop on SQLite (a file in a temporary folder). Runs when SQLite is among the selected engines. */
@EnabledIf("sqliteSelected")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SpringShopContract.Probes.class)
class SqliteSpringShopTest extends SpringShopContract {
    private static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        try {
            dir = Files.createTempDirectory("covet-spring-shop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("covet.databases.default.url", () -> "sqlite:" + dir.resolve("shop.db"));
    }

    @AfterAll
    static void removeFiles() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static boolean sqliteSelected() {
        return EngineSource.selected().contains(Engine.SQLITE);
    }

    @Override
    Engine engine() {
        return Engine.SQLITE;
    }
}
