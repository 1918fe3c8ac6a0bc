package io.covet.testing;

import io.covet.core.engine.Engine;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Supplies one {@link Scratch} per engine selected by {@code COVET_TEST_ENGINES}; see {@link AllEngines}. */
public final class EngineSource implements ArgumentsProvider {
    /** The engines every CI run must cover. */
    static final List<Engine> REQUIRED = List.of(Engine.SQLITE, Engine.POSTGRESQL, Engine.MARIADB);

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return selected().stream().map(e -> Arguments.of(new Scratch(e)));
    }

    /** The engines this run tests, from {@code COVET_TEST_ENGINES} (default: all three). */
    public static List<Engine> selected() {
        String spec = System.getenv("COVET_TEST_ENGINES");
        List<Engine> engines = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            engines.addAll(REQUIRED);
        } else {
            for (String name : spec.split(",")) {
                engines.add(Engine.forScheme(name.strip().toLowerCase(Locale.ROOT)));
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI")) && !engines.containsAll(REQUIRED)) {
            throw new IllegalStateException("CI=true but COVET_TEST_ENGINES=" + spec + " leaves out "
                    + REQUIRED.stream().filter(e -> !engines.contains(e)).toList() + ": CI must test "
                    + Arrays.toString(REQUIRED.toArray()));
        }
        return engines;
    }
}
