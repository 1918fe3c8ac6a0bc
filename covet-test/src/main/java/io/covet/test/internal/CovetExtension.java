package io.covet.test.internal;

import io.covet.core.engine.Engine;
import io.covet.test.CovetTest;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;
import java.util.stream.Stream;

/** Runs a {@code @CovetTest} class once per selected engine, each run with its own {@link EngineRun}. */
public final class CovetExtension implements ClassTemplateInvocationContextProvider {
    /** For JUnit. */
    public CovetExtension() {
    }

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getRequiredTestClass(), CovetTest.class);
    }

    @Override
    public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
        CovetTest config = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), CovetTest.class)
                .orElseThrow();
        List<Engine> engines = Engines.selected(config.engines());
        return engines.stream().map(e -> new ClassTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return e.displayName();
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new EngineRun(e, config));
            }
        });
    }
}
