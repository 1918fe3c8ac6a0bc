package io.covet.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Loads fixture files (class-path resources, {@code .json} or {@code .yaml}, as {@code covet dumpdata} writes
 * them) before each test of a {@link CovetTest} class: those named on the class, then those on the method. Under
 * {@link Isolation#ROLLBACK} they are loaded inside the test's transaction, so they cost one load per test and
 * vanish with it. A fixture that cannot be loaded fails the test with the loader's message.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WithFixtures {
    /** Class-path resource names, e.g. {@code "fixtures/shop.json"}. */
    String[] value();
}
