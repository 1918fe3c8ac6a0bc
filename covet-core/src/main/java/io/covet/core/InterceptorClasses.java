package io.covet.core;

import io.covet.core.pipeline.Interceptor;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Interceptors named by class ({@link DatabaseConfig.Builder#interceptorClass}, the {@code interceptors} key of
 * {@code covet.properties}): a class that cannot be loaded or created becomes a sentence for
 * {@link DatabaseConfig.Builder#build()} to report with the other problems, not an exception where it is named.
 */
final class InterceptorClasses {
    private InterceptorClasses() {
    }

    /**
     * Creates {@code className} with its public no-arg constructor through the thread's context class loader and
     * hands the instance to {@code add}; a failure, including one of {@code add}, is added to {@code problems}.
     */
    static void create(String className, List<String> problems, Consumer<Interceptor> add) {
        String name = className == null ? "" : className.strip();
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(name, true, loader != null ? loader : DatabaseConfig.class.getClassLoader());
            if (!Interceptor.class.isAssignableFrom(type)) {
                problems.add("interceptor class " + name + " does not implement " + Interceptor.class.getName());
                return;
            }
            add.accept((Interceptor) type.getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            problems.add("interceptor class " + name + " is not on the class path");
        } catch (NoSuchMethodException e) {
            problems.add("interceptor class " + name + " has no public no-argument constructor");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            problems.add("interceptor class " + name + " could not be created: " + cause);
        }
    }
}
