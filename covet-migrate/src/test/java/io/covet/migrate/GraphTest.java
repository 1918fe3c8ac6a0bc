package io.covet.migrate;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphTest {
    static Migration m(String app, String name, MigrationKey... deps) {
        return new Migration(new MigrationKey(app, name), List.of(deps), List.of());
    }

    @Test
    void ordersAcrossAppsAndFindsParallelLeaves() {
        Migration a1 = m("a", "0001_initial");
        Migration b1 = m("b", "0001_initial", a1.key());
        Migration a2 = m("a", "0002_x", a1.key(), b1.key());
        Migration a2b = m("a", "0002_y", a1.key());
        MigrationGraph g = new MigrationGraph(List.of(a2b, a2, b1, a1), Set.of());
        assertThat(g.order()).extracting(x -> x.key().toString())
                .containsExactly("a.0001_initial", "a.0002_y", "b.0001_initial", "a.0002_x");
        assertThat(g.conflicts()).containsOnlyKeys("a");
        Migration merge = GraphTools.merge(g, "a");
        assertThat(merge.key().toString()).isEqualTo("a.0003_merge_0002_0002");
        assertThat(merge.dependencies()).containsExactly(a2.key(), a2b.key());
        MigrationGraph merged = new MigrationGraph(List.of(a1, b1, a2, a2b, merge), Set.of());
        assertThat(merged.conflicts()).isEmpty();
        assertThat(merged.leaves("a")).containsExactly(merge.key());
    }

    @Test
    void missingDependencyAndCyclesAreNamed() {
        assertThatThrownBy(() -> new MigrationGraph(List.of(m("a", "0002", new MigrationKey("a", "0001"))), Set.of()))
                .hasMessage("migration a.0002 depends on a.0001, which does not exist; fix its \"dependencies\" or "
                        + "restore the missing file");
        assertThatThrownBy(() -> new MigrationGraph(List.of(m("a", "1", new MigrationKey("a", "2")),
                m("a", "2", new MigrationKey("a", "1"))), Set.of())).hasMessageContaining("cycle through [a.1, a.2]");
    }

    @Test
    void mergeNeedsTwoLeaves() {
        assertThatThrownBy(() -> GraphTools.merge(new MigrationGraph(List.of(m("a", "0001")), Set.of()), "a"))
                .hasMessageContaining("nothing to merge");
    }

    @AllEngines
    void squashedMigrationReplacesTheRangeOnNewAndOldDatabases(Scratch s) throws Exception {
        List<Migration> originals = List.of(Shop.m1(), Shop.m2(), Shop.m3());
        Migration squashed = GraphTools.squash(new MigrationGraph(originals, Set.of()), "shop", "0001_initial",
                "0003_rename");
        assertThat(squashed.key().toString()).isEqualTo("shop.0001_initial_squashed_0003");
        // customer absorbs its added column and index (past orders, which references only customer.id); nothing
        // moves across the RunSQL, so the rename and alteration after it stay.
        assertThat(squashed.operations()).extracting(Operation::describe).containsExactly("Create model customer",
                "Create model orders", squashed.operations().get(2).describe(), "Rename field name on customer to full_name",
                squashed.operations().get(4).describe());
        assertThat(squashed.operations().get(2)).isInstanceOf(RunSql.class);
        assertThat(((CreateModel) squashed.operations().get(0)).table().columnNames())
                .containsExactly("id", "name", "points");
        assertThat(GraphTools.squash(new MigrationGraph(originals, Set.of()), "shop", "0001_initial", "0003_rename",
                false).operations()).hasSize(7);
        // The file round-trips unchanged.
        assertThat(MigrationFiles.parse(MigrationFiles.toJson(squashed), "x")).isEqualTo(squashed);

        Database db = s.db();
        Migrator.builder(db, List.of(Shop.m1(), Shop.m2())).build().migrate(Target.latest());
        List<Migration> withSquash = List.of(Shop.m1(), Shop.m2(), Shop.m3(), squashed);
        // Partly applied range: the originals are used, the squash waits.
        Migrator m = Migrator.builder(db, withSquash).build();
        assertThat(m.plan(Target.latest()).entries()).extracting(e -> e.migration().key().name())
                .containsExactly("0003_rename");
        m.migrate(Target.latest());
        assertThat(m.status()).extracting(MigrationStatus::toString).contains("[X] shop.0001_initial_squashed_0003");
        // With the originals deleted, the squash stands for them.
        Migrator onlySquash = Migrator.builder(db, List.of(squashed)).build();
        assertThat(onlySquash.plan(Target.latest()).isEmpty()).isTrue();
        MigratorTest.assertMatches(db, new MigrationGraph(List.of(squashed), Set.of()), k -> true);

        try (Scratch fresh = Scratch.on(s.engine())) {
            Migrator f = Migrator.builder(fresh.db(), withSquash).build();
            assertThat(f.plan(Target.latest()).entries()).extracting(e -> e.migration().key().name())
                    .containsExactly("0001_initial_squashed_0003");
            f.migrate(Target.latest());
            MigratorTest.assertMatches(fresh.db(), new MigrationGraph(originals, Set.of()), k -> true);
            assertThat(f.status()).allMatch(MigrationStatus::applied);
            f.migrate(Target.zero("shop"));
            assertThat(MigratorTest.live(fresh.db()).tables()).isEmpty();
        }
    }
}
