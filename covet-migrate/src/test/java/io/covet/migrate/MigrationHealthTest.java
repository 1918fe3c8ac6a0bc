package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.observe.Health;
import io.covet.observe.Observability;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pending migrations make the database not ready (but live) in covet-observe's health; applying them makes it ready. */
class MigrationHealthTest {

    @AllEngines
    void pendingMigrationsMeanNotReadyUntilApplied(Scratch s) {
        List<Migration> migrations = List.of(Shop.m1(), Shop.m2());
        try (Observability obs = Observability.builder().build()) {
            Database db = obs.open(DatabaseConfig.builder("default", s.url()).build());
            obs.addHealthContributor("default", MigrationHealth.of(migrations));

            Health before = obs.health("default");
            assertThat(before.ready()).isFalse();
            assertThat(before.live()).isTrue();
            Health.Check check = before.checks().stream().filter(c -> c.name().equals("migrations")).findFirst()
                    .orElseThrow();
            assertThat(check.status()).isEqualTo(Health.Status.DOWN);
            assertThat(check.detail()).contains("2 migration(s) pending: shop.0001_initial, shop.0002_more")
                    .contains("covet migrate");
            assertThat(obs.ready()).isFalse();
            assertThat(db.sql("SELECT 1 AS x").list()).hasSize(1); // the database itself works

            Migrator.builder(db, List.of(Shop.m1())).build().migrate(Target.latest());
            assertThat(obs.health("default").ready()).isFalse();

            Migrator.builder(db, migrations).build().migrate(Target.latest());
            Health after = obs.health("default");
            assertThat(after.ready()).isTrue();
            assertThat(after.status()).isEqualTo(Health.Status.UP);
            assertThat(after.checks()).anySatisfy(c -> assertThat(c.detail()).isEqualTo("all 2 migration(s) applied"));
        }
    }
}
