package io.covet.test;

import io.covet.test.internal.CovetExtension;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class once per engine, each time on a scratch database of its own (a temporary file on SQLite, a
 * new schema on PostgreSQL, a new database on MariaDB) that is dropped afterwards. Test methods, lifecycle methods
 * and constructors may declare parameters of type {@code Database}, {@code Orm} (of {@link #models()}) and
 * {@code Engine}.
 *
 * <pre>{@code
 * @CovetTest(models = {Customer.class, Order.class})
 * class CheckoutTest {
 *     @Test
 *     void savesAnOrder(Orm orm) {
 *         Statements.assertStatements(1, () -> orm.save(new Customer("ada@example.com")));
 *     }
 * }
 * }</pre>
 *
 * <p>Engines: {@link #engines()}, else {@code COVET_TEST_ENGINES} (or the system property
 * {@code covet.test.engines}), a comma-separated list of {@code sqlite}, {@code postgresql}, {@code mariadb},
 * else SQLite plus every server whose URL is set. Servers come from {@code COVET_TEST_PG_URL} and
 * {@code COVET_TEST_MARIADB_URL} (or {@code covet.test.pg-url} / {@code covet.test.mariadb-url}): an account that
 * may create schemas (PostgreSQL) or databases (MariaDB). An engine that is listed but has no URL fails the
 * class with a message saying what to set; it is never skipped silently.
 *
 * <p>Each test is isolated as {@link #isolation()} says, and afterwards checked for leaks: a connection still
 * borrowed from the pool, a transaction still open on the test thread, or a result stream not closed fails the
 * test, naming what leaked.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ClassTemplate
@ExtendWith(CovetExtension.class)
public @interface CovetTest {
    /** The model classes (annotated with {@code @Model}) of the injected {@code Orm} and of the schema. */
    Class<?>[] models() default {};

    /** How tests are kept apart. */
    Isolation isolation() default Isolation.ROLLBACK;

    /** What creates the schema on each new scratch database. */
    Class<? extends SchemaSetup> schema() default SchemaSetup.CreateTables.class;

    /** The engines to run on ({@code sqlite}, {@code postgresql}, {@code mariadb}); empty: from the environment. */
    String[] engines() default {};

    /** Whether a test that leaves a connection, transaction or stream open fails. */
    boolean leakCheck() default true;
}
