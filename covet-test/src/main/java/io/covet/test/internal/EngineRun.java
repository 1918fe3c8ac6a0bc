package io.covet.test.internal;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.pool.PoolStats;
import io.covet.core.tx.TxOptions;
import io.covet.fixtures.Fixtures;
import io.covet.orm.Orm;
import io.covet.orm.spi.ModelType;
import io.covet.test.CovetTest;
import io.covet.test.Isolation;
import io.covet.test.SchemaSetup;
import io.covet.test.WithFixtures;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine's run of a {@code @CovetTest} class: its scratch database, Orm and recorder, the isolation of each
 * test, fixture loading and the leak check.
 */
final class EngineRun implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, InvocationInterceptor {
    private final Engine engine;
    private final CovetTest config;
    private final Recorder recorder = new Recorder();
    private ScratchDatabase scratch;
    private Database db;
    private Orm orm;
    private int leakedConnections;

    EngineRun(Engine engine, CovetTest config) {
        this.engine = engine;
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (config.isolation() != Isolation.FRESH_SCHEMA) {
            ensure();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        drop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        ensure();
        Recorder.activate(recorder);
        if (config.isolation() != Isolation.ROLLBACK) {
            loadFixtures(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Recorder.deactivate(recorder);
        if (db == null) {
            return; // the database could not be set up; that failure is the test's
        }
        List<String> leaks = config.leakCheck() ? leaks() : List.of();
        try {
            switch (config.isolation()) {
                case TRUNCATE -> Tables.empty(db);
                case FRESH_SCHEMA -> drop();
                default -> {
                }
            }
        } finally {
            if (!leaks.isEmpty()) {
                throw new AssertionError("the test left " + String.join("; ", leaks) + " (on " + engine.displayName()
                        + "). Close what you open: use try-with-resources for streams and iterators, and let "
                        + "atomic blocks end.");
            }
        }
    }

    private List<String> leaks() {
        List<String> out = new ArrayList<>();
        db.currentTransaction().ifPresent(tx -> out.add("a transaction open on the test thread (block '" + tx.name()
                + "')"));
        int streams = recorder.openStreams();
        if (streams > 0) {
            out.add(streams + " result stream(s) or iterator(s) not closed");
            recorder.resetStreams();
        }
        PoolStats st = db.pool().stats();
        int borrowed = st.active() - leakedConnections;
        if (borrowed > 0) {
            out.add(borrowed + " connection(s) still borrowed from the pool"
                    + (st.leasesByCaller().isEmpty() ? "" : ", by " + st.leasesByCaller()));
            leakedConnections = st.active(); // reported once, not again by the next test
        }
        return out;
    }

    private void ensure() {
        if (scratch != null) {
            return;
        }
        scratch = ScratchDatabase.create(engine);
        try {
            db = scratch.open(recorder);
            orm = Orm.builder().database(db).models(models()).build();
            SchemaSetup setup = config.schema().getDeclaredConstructor().newInstance();
            setup.create(db, orm);
        } catch (ReflectiveOperationException e) {
            drop();
            throw new IllegalStateException("cannot create the schema setup " + config.schema().getName()
                    + ": it needs a public no-argument constructor (" + e + ")", e);
        } catch (RuntimeException e) {
            drop();
            throw e;
        }
    }

    private void drop() {
        if (orm != null) {
            orm.close();
            orm = null;
        }
        db = null;
        leakedConnections = 0;
        if (scratch != null) {
            ScratchDatabase s = scratch;
            scratch = null;
            s.close();
        }
    }

    private ModelType<?>[] models() {
        List<ModelType<?>> out = new ArrayList<>();
        for (Class<?> m : config.models()) {
            try {
                Class<?> meta = Class.forName(m.getName() + "_", true, m.getClassLoader());
                out.add((ModelType<?>) meta.getField("TYPE").get(null));
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException(m.getName() + " in @CovetTest(models) has no generated metamodel "
                        + m.getName() + "_ with a TYPE: is it a @Model class compiled with covet-orm-processor?", e);
            }
        }
        return out.toArray(ModelType[]::new);
    }

    private void loadFixtures(ExtensionContext context) {
        List<String> names = new ArrayList<>();
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithFixtures.class)
                .ifPresent(f -> names.addAll(List.of(f.value())));
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, WithFixtures.class))
                .ifPresent(f -> names.addAll(List.of(f.value())));
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        for (String name : names) {
            String path = name.startsWith("/") ? name.substring(1) : name;
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("@WithFixtures names " + name + ", which is not on the class path "
                            + "(put it under src/test/resources/" + path + ")");
                }
                Fixtures.of(orm).load(name, in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        isolated(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        isolated(invocation, extensionContext);
    }

    private void isolated(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (config.isolation() != Isolation.ROLLBACK) {
            invocation.proceed();
            return;
        }
        Throwable[] failure = new Throwable[1];
        db.atomicRun(TxOptions.builder().name("covet-test").noRetry().build(), tx -> {
            tx.setRollbackOnly(); // the test's writes never commit; nested atomic blocks become savepoints
            loadFixtures(context);
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> t = p.getParameter().getType();
        return t == Database.class || t == Orm.class || t == Engine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        Class<?> t = p.getParameter().getType();
        if (t == Engine.class) {
            return engine;
        }
        ensure();
        if (t == Database.class) {
            return db;
        }
        if (t == Orm.class) {
            return orm;
        }
        throw new ParameterResolutionException("not a Covet parameter: " + t);
    }
}
