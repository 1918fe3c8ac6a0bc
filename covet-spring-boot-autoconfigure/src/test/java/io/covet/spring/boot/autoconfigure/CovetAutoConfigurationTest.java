package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.error.UniqueViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The auto-configuration's choices on SQLite, each in a small context without a web server. */
class CovetAutoConfigurationTest {
    private final ApplicationContextRunner covetOnly = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CovetObservabilityAutoConfiguration.class,
                    CovetAutoConfiguration.class, CovetMigrationsAutoConfiguration.class,
                    CovetActuatorAutoConfiguration.class))
            .withPropertyValues("covet.migrate.location=classpath:test-migrations");
    private final ApplicationContextRunner withBootJdbc = covetOnly.withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class));

    @Test
    void withoutCovetDatabasesTheDefaultDatabaseAdoptsBootsDataSourceAndJoinsItsTransactions(@TempDir Path dir) {
        withBootJdbc.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("boot.db")).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            Database db = ctx.getBean(Database.class);
            DataSource boots = ctx.getBean(DataSource.class);
            assertThat(db.config().dataSource()).containsSame(boots);
            assertThat(db.config().url()).isEmpty();
            TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
            tx.executeWithoutResult(status -> {
                db.sql("INSERT INTO note (body) VALUES (?)", "undone").execute();
                status.setRollbackOnly();
            });
            assertThat(db.sql("SELECT COUNT(*) FROM note").list(rs -> rs.getInt(1))).containsExactly(0);
        });
    }

    @Test
    void withNoDatabaseAtAllTheStartFailsSayingWhatToSet() {
        covetOnly.run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(rootCause(ctx.getStartupFailure())).hasMessageContaining(
                    "no database is configured for Covet: set covet.databases.default.url")
                    .hasMessageContaining("spring.datasource.url");
        });
    }

    @Test
    void aCovetUrlAndABootUrlTogetherFailTheStartAskingForOne(@TempDir Path dir) {
        withBootJdbc.withPropertyValues("covet.databases.default.url=sqlite:" + dir.resolve("a.db"),
                "spring.datasource.url=jdbc:sqlite:" + dir.resolve("b.db")).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(rootCause(ctx.getStartupFailure())).hasMessageContaining(
                    "both covet.databases.default.url and spring.datasource.url are set: give one");
        });
    }

    @Test
    void anUnknownDatabaseKeyFailsTheStartNamingIt(@TempDir Path dir) {
        covetOnly.withPropertyValues("covet.databases.default.url=sqlite:" + dir.resolve("a.db"),
                "covet.databases.default.max-pool=3").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(rootCause(ctx.getStartupFailure())).hasMessageContaining("max-pool");
        });
    }

    @Test
    void migrationsDisabledStayPendingAndMakeTheHealthDownThenEnabledTheyRunAtStartupAndHealthShowsPoolAndBreaker(@TempDir Path dir) {
        String url = "covet.databases.default.url=sqlite:" + dir.resolve("m.db");
        covetOnly.withPropertyValues(url, "covet.migrate.enabled=false").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            CovetMigrations m = ctx.getBean(CovetMigrations.class);
            assertThat(m.status("default")).hasSize(1).allMatch(s -> !s.applied());
            var health = health(ctx.getBean("covetHealthContributor", CompositeHealthContributor.class));
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().toString()).contains("1 migration(s) pending: demo.0001_initial");
        });
        covetOnly.withPropertyValues(url, "covet.databases.default.pool.max-size=3",
                "covet.databases.default.resilience.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(CovetMigrations.class).appliedAtStartup()).containsEntry("default",
                    List.of("demo.0001_initial"));
            var health = health(ctx.getBean("covetHealthContributor", CompositeHealthContributor.class));
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().toString()).contains("max=3").doesNotContain("password");
            assertThat(health.getDetails().get("breaker").toString()).contains("state=CLOSED", "timesOpened=0");
        });
    }

    @Test
    void theExceptionTranslatorTurnsARealUniqueViolationIntoDuplicateKeyException(@TempDir Path dir) {
        covetOnly.withPropertyValues("covet.databases.default.url=sqlite:" + dir.resolve("x.db")).run(ctx -> {
            Database db = ctx.getBean(Database.class);
            db.sql("INSERT INTO note (body) VALUES (?)", "same").execute();
            Throwable e = catchThrowable(() -> db.sql("INSERT INTO note (body) VALUES (?)", "same").execute());
            assertThat(e).isInstanceOf(UniqueViolation.class);
            var translated = ctx.getBean(CovetExceptionTranslator.class).translateExceptionIfPossible((RuntimeException) e);
            assertThat(translated).isInstanceOf(DuplicateKeyException.class).hasCause(e);
            assertThat(ctx.getBean(CovetExceptionTranslator.class)
                    .translateExceptionIfPossible(new IllegalStateException("not Covet's"))).isNull();
        });
    }

    private static org.springframework.boot.health.contributor.Health health(CompositeHealthContributor c) {
        return ((HealthIndicator) c.getContributor("default")).health(true);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null) {
            r = r.getCause();
        }
        return r;
    }
}
