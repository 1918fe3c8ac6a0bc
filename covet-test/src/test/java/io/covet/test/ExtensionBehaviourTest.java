package io.covet.test;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.test.library.Author;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs sample {@code @CovetTest} classes (nested, so the build does not run them itself) through the JUnit
 * Platform and checks that what must fail fails, with a message saying why; and that the isolation modes hold.
 */
class ExtensionBehaviourTest {
    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    private static List<String> failures(Events events) {
        return events.failed().stream().map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage)
                .orElse("")).toList();
    }

    private static int engines() {
        return io.covet.test.internal.CovetExtensionAccess.engineCount();
    }

    @Test
    void everyClassRunsOncePerEngine() {
        for (Class<?> c : List.of(RollbackIsolationTest.class, TruncateIsolationTest.class,
                FreshSchemaIsolationTest.class)) {
            Events events = run(c);
            assertThat(failures(events)).as(c.getSimpleName()).isEmpty();
            assertThat(events.succeeded().count()).as(c.getSimpleName()).isEqualTo(2L * engines());
        }
    }

    @Test
    void aWrongStatementCountFailsAndListsTheStatements() {
        Events events = run(WrongCount.class);
        assertThat(events.succeeded().count()).isZero();
        assertThat(failures(events)).hasSize(engines()).allSatisfy(m -> assertThat(m)
                .startsWith("expected 2 statement(s) but 1 ran:").containsIgnoringCase("INSERT INTO")
                .containsIgnoringCase("ct_author"));
    }

    @Test
    void leaksFailTheTestNamingWhatLeaked() {
        Events events = run(Leaks.class);
        assertThat(events.succeeded().count()).isEqualTo(engines()); // the clean test after the leaky ones
        List<String> messages = failures(events);
        assertThat(messages).hasSize(2 * engines());
        assertThat(messages.stream().filter(m -> m.contains("1 result stream(s) or iterator(s) not closed"))).hasSize(engines());
        assertThat(messages.stream().filter(m -> m.contains("1 connection(s) still borrowed from the pool"))).hasSize(engines());
    }

    @Test
    void aMissingFixtureFailsTheTest() {
        List<String> messages = failures(run(MissingFixture.class));
        assertThat(messages).hasSize(engines()).allSatisfy(m -> assertThat(m)
                .contains("@WithFixtures names fixtures/none.json, which is not on the class path"));
    }

    @Test
    void aBadFixtureFailsWithTheRecordAndField() {
        List<String> messages = failures(run(BadFixture.class));
        assertThat(messages).hasSize(engines()).allSatisfy(m -> assertThat(m)
                .contains("fixtures/bad.json record 1 (Author pk 2): model Author has no field 'nme'"));
    }

    @CovetTest(models = Author.class)
    static class WrongCount {
        @Test
        void oneInsertIsNotTwo(Orm orm) {
            Statements.assertStatements(2, () -> orm.save(new Author("Ada")));
        }
    }

    @CovetTest(models = Author.class)
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class Leaks {
        static Connection held;

        @Test
        void a_leavesAStreamOpen(Database db) {
            Stream<Integer> s = db.sql("SELECT 1").stream(rs -> rs.getInt(1));
            assertThat(s).isNotNull();
        }

        @Test
        void b_leavesAConnectionBorrowed(Database db) throws Exception {
            held = db.dataSource().getConnection();
        }

        @Test
        void c_isCleanAndPasses(Orm orm) throws Exception {
            orm.save(new Author("Ada"));
            held.close();
        }
    }

    @CovetTest(models = Author.class)
    @WithFixtures("fixtures/none.json")
    static class MissingFixture {
        @Test
        void neverRuns() {
        }
    }

    @CovetTest(models = Author.class)
    @WithFixtures("fixtures/bad.json")
    static class BadFixture {
        @Test
        void neverRuns() {
        }
    }
}
