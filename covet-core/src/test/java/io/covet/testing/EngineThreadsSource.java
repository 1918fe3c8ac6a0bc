package io.covet.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

import java.util.stream.Stream;

/** Supplies a {@link Scratch} per selected engine times each {@link Threads} kind this JVM has; see {@link AllEnginesAndThreads}. */
public final class EngineThreadsSource implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return EngineSource.selected().stream()
                .flatMap(e -> Threads.available().stream().map(t -> Arguments.of(new Scratch(e), t)));
    }
}
