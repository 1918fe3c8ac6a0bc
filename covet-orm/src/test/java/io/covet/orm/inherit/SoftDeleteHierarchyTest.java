package io.covet.orm.inherit;

import io.covet.core.pipeline.StatementContext;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @SoftDelete} on the root of an inheritance hierarchy: a child's delete marks its root row (multi-table:
 * the root's table; single-table: the one table), so the row disappears from the queries of every level,
 * polymorphic ones included; restore brings it back and purge removes every level's row.
 */
class SoftDeleteHierarchyTest {

    private static long raw(Scratch s, String sql) {
        return s.db().sql(sql).list(rs -> rs.getLong(1)).get(0);
    }

    private static List<String> kinds(List<? extends Asset> assets) {
        return assets.stream().map(a -> a.getClass().getSimpleName() + ":" + a.name).toList();
    }

    @AllEngines
    void aSoftDeletedChildIsHiddenFromEveryLevelAndComesBackOnRestore(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = Orm.builder().database(s.open(b -> b.interceptor(rec))).models(Asset_.TYPE, Machine_.TYPE,
                Robot_.TYPE).build();
        orm.createTables();
        orm.save(new Asset("Desk"));
        Machine lathe = orm.save(new Machine("Lathe", 5));
        Robot arm = orm.save(new Robot("Arm", 3, 2));
        orm.save(new Robot("Bot", 1, 4));
        rec.take();

        assertThat(orm.delete(lathe)).isEqualTo(1);
        // one UPDATE of the root's table marks it; its own row stays
        assertThat(rec.take()).filteredOn(c -> c.operation() == io.covet.core.pipeline.Operation.UPDATE)
                .extracting(StatementContext::tables).containsExactly(List.of("inh_asset"));
        assertThat(lathe.deletedAt).isNotNull();
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_asset WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_machine")).isEqualTo(3);

        orm.delete(orm.objects(Asset_.TYPE).get(arm.id));      // the root instance of a grandchild
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_asset WHERE deleted_at IS NOT NULL")).isEqualTo(2);

        // hidden from the queries of each level, polymorphic ones too
        assertThat(kinds(orm.objects(Asset_.TYPE).listPolymorphic())).containsExactly("Robot:Bot", "Asset:Desk");
        assertThat(orm.objects(Machine_.TYPE).list()).extracting(m -> m.name).containsExactly("Bot");
        assertThat(orm.objects(Robot_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Machine_.TYPE).filter(Machine_.ID.eq(lathe.id)).exists()).isFalse();
        // and visible when asked for
        assertThat(orm.objects(Machine_.TYPE).deletedOnly().list()).extracting(m -> m.name)
                .containsExactly("Arm", "Lathe");
        assertThat(kinds(orm.objects(Asset_.TYPE).allObjects().listPolymorphic()))
                .containsExactly("Robot:Arm", "Robot:Bot", "Asset:Desk", "Machine:Lathe");

        // restore clears the root's mark
        assertThat(orm.objects(Machine_.TYPE).deletedOnly().filter(Machine_.NAME.eq("Lathe")).restore()).isEqualTo(1);
        assertThat(orm.objects(Machine_.TYPE).list()).extracting(m -> m.name).containsExactly("Bot", "Lathe");
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_asset WHERE deleted_at IS NOT NULL")).isEqualTo(1);

        // purge removes every level's row of the deleted grandchild
        assertThat(orm.objects(Robot_.TYPE).deletedOnly().purge()).isEqualTo(1);
        assertThat(List.of(raw(s, "SELECT COUNT(*) FROM inh_asset"), raw(s, "SELECT COUNT(*) FROM inh_machine"),
                raw(s, "SELECT COUNT(*) FROM inh_robot"))).containsExactly(3L, 2L, 1L);
    }

    @AllEngines
    void aSoftDeletedSingleTableSubclassRowIsHiddenFromTheRoot(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Note_.TYPE, Memo_.TYPE).build();
        orm.createTables();
        orm.save(new Note("Alpha"));
        Memo memo = orm.save(new Memo("Beta", "Ann"));
        orm.save(new Memo("Gamma", "Bob"));

        assertThat(orm.delete(memo)).isEqualTo(1);
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_note WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(orm.objects(Note_.TYPE).listPolymorphic()).extracting(n -> n.getClass().getSimpleName() + ":"
                + n.title).containsExactly("Note:Alpha", "Memo:Gamma");
        assertThat(orm.objects(Memo_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Memo_.TYPE).deletedOnly().list()).extracting(m -> m.recipient).containsExactly("Ann");

        assertThat(orm.restore(memo)).isEqualTo(1);
        assertThat(orm.objects(Memo_.TYPE).count()).isEqualTo(2);
        assertThat(orm.purge(memo)).isEqualTo(1);
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_note")).isEqualTo(2);
    }
}
