package io.covet.orm.inherit.m2m;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.sql.Functions;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many-to-many relations to the children of a {@code @SoftDelete} root (Operator → Truck, a multi-table child of
 * Rig; Band → Amp, a single-table subclass of Gear): a soft-deleted target keeps its link rows and is hidden from
 * every read through the relation; restore brings it back, purge removes the link rows.
 */
class SoftDeleteManyToManyTest {

    private static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Rig_.TYPE, Truck_.TYPE, Operator_.TYPE, Venue_.TYPE,
                Hall_.TYPE, Studio_.TYPE, Crew_.TYPE, Band_.TYPE, Gig_.TYPE, Gear_.TYPE, Amp_.TYPE, Mic_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static long raw(Scratch s, String sql) {
        return s.db().sql(sql).list(rs -> rs.getLong(1)).get(0);
    }

    @AllEngines
    void aSoftDeletedChildIsHiddenFromTheRelationAndKeepsItsLinksUntilPurged(Scratch s) {
        Orm orm = orm(s.db());
        Operator ann = orm.save(new Operator("Ann"));
        Truck scania = orm.save(new Truck("Scania", 3));
        Truck volvo = orm.save(new Truck("Volvo", 2));
        ann.trucks.add(scania, volvo);

        orm.delete(scania);                                 // marks Rig's row; the link row stays
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_operator_trucks")).isEqualTo(2);
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_rig WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        assertHidden(orm, ann, List.of("Volvo"));
        // the relation's own model can be widened, as any query set of it
        assertThat(ann.trucks.query().allObjects().list()).extracting(t -> t.name).containsExactly("Scania", "Volvo");

        orm.restore(scania);
        assertHidden(orm, ann, List.of("Scania", "Volvo"));

        orm.delete(scania);
        orm.purge(scania);                                  // a hard delete: its link rows go
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_operator_trucks")).isEqualTo(1);
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_rig")).isEqualTo(1);
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_truck")).isEqualTo(1);
        assertHidden(orm, ann, List.of("Volvo"));
    }

    private static void assertHidden(Orm orm, Operator ann, List<String> live) {
        assertThat(ann.trucks.all()).extracting(t -> t.name).containsExactlyElementsOf(live);
        assertThat(orm.objects(Operator_.TYPE).prefetchRelated(Operator_.TRUCKS).get(ann.id).trucks.all())
                .extracting(t -> t.name).containsExactlyElementsOf(live);
        assertThat(orm.objects(Operator_.TYPE).filter(Operator_.TRUCKS, t -> t.name.eq("Scania")).exists())
                .isEqualTo(live.contains("Scania"));
        assertThat(orm.objects(Operator_.TYPE).annotate("n", Operator_.TRUCKS, t -> Functions.count(t.id))
                .get(ann.id).annotation("n")).satisfies(n -> assertThat(((Number) n).longValue())
                .isEqualTo(live.size()));
    }

    @AllEngines
    void aSoftDeletedSubclassRowIsHiddenFromTheRelationAndKeepsItsLinksUntilPurged(Scratch s) {
        Orm orm = orm(s.db());
        Band blur = orm.save(new Band("Blur"));
        Amp vox = orm.save(new Amp("Vox", 30));
        Amp marshall = orm.save(new Amp("Marshall", 100));
        Mic sm58 = orm.save(new Mic("SM58", "cardioid"));
        blur.amps.add(vox, marshall);
        sm58.bands.add(blur);

        orm.delete(vox);
        orm.delete(sm58);                                   // a soft-deleted owner keeps its link rows too
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_amps")).isEqualTo(2);
        assertThat(raw(s, "SELECT COUNT(*) FROM mic_bands")).isEqualTo(1);
        assertThat(blur.amps.all()).extracting(a -> a.label).containsExactly("Marshall");
        assertThat(orm.objects(Band_.TYPE).prefetchRelated(Band_.AMPS).get(blur.id).amps.all())
                .extracting(a -> a.label).containsExactly("Marshall");
        assertThat(orm.objects(Band_.TYPE).filter(Band_.AMPS, a -> a.label.eq("Vox")).exists()).isFalse();
        assertThat(orm.objects(Band_.TYPE).annotate("n", Band_.AMPS, a -> Functions.count(a.id)).get(blur.id)
                .annotation("n")).satisfies(n -> assertThat(((Number) n).longValue()).isEqualTo(1));
        assertThat(orm.objects(Mic_.TYPE).filter(Mic_.BANDS, b -> b.name.eq("Blur")).exists()).isFalse();
        assertThat(orm.objects(Mic_.TYPE).deletedOnly().filter(Mic_.BANDS, b -> b.name.eq("Blur")).exists()).isTrue();

        orm.restore(vox);
        assertThat(blur.amps.all()).extracting(a -> a.label).containsExactly("Marshall", "Vox");

        orm.objects(Gear_.TYPE).allObjects().filter(Gear_.LABEL.in("Vox", "SM58")).purge();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_amps")).isEqualTo(1);
        assertThat(raw(s, "SELECT COUNT(*) FROM mic_bands")).isZero();
        assertThat(blur.amps.all()).extracting(a -> a.label).containsExactly("Marshall");
    }
}
