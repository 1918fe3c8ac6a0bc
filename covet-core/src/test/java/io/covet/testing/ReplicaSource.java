package io.covet.testing;

import io.covet.core.engine.Engine;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

import java.util.List;
import java.util.stream.Stream;

/** Supplies one {@link ReplicaPair} per selected server engine; see {@link ReplicaEngines}. */
public final class ReplicaSource implements ArgumentsProvider {
    /** The engines with test replicas. */
    static final List<Engine> REPLICATED = List.of(Engine.POSTGRESQL, Engine.MARIADB);

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return selected().stream().map(e -> Arguments.of(new ReplicaPair(e)));
    }

    /** The replicated engines this run tests: those of {@link EngineSource#selected()} that have replicas. */
    public static List<Engine> selected() {
        List<Engine> engines = EngineSource.selected();
        return REPLICATED.stream().filter(engines::contains).toList();
    }
}
