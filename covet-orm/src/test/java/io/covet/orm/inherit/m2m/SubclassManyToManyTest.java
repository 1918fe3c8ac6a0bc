package io.covet.orm.inherit.m2m;

import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.orm.Prefetch;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.sql.Functions;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many-to-many relations to and from single-table subclasses: Band → Amp (a subclass of Gear) and Mic → Band
 * (declared on a subclass). The link table references the root's table, so a link row may name any row of the
 * hierarchy; every read through the relation narrows to the subclass by its discriminator.
 */
class SubclassManyToManyTest {

    private static long raw(Scratch s, String sql, Object... args) {
        return s.db().sql(sql, args).list(rs -> rs.getLong(1)).get(0);
    }

    private static List<String> labels(List<? extends Gear> gear) {
        return gear.stream().map(g -> g.label).toList();
    }

    @AllEngines
    void theLinkTablesReferenceTheRootsTableAndMatchTheLiveSchema(Scratch s) {
        Orm orm = ChildManyToManyTest.orm(s.db());
        Schema expected = OrmSchema.of(orm);
        assertThat(expected.require("mm_band_amps").foreignKeys())
                .extracting(f -> f.columns().get(0) + "->" + f.refTable() + "." + f.refColumns().get(0))
                .containsExactlyInAnyOrder("band_id->mm_band.id", "amp_id->mm_gear.id");
        // a subclass has no table of its own: its relation's table is named after it, and references the root's
        assertThat(expected.require("mic_bands").foreignKeys())
                .extracting(f -> f.columns().get(0) + "->" + f.refTable() + "." + f.refColumns().get(0))
                .containsExactlyInAnyOrder("mic_id->mm_gear.id", "band_id->mm_band.id");
        assertThat(SchemaComparison.differences(expected, Introspector.read(s.db()), s.engine(), "the models"))
                .isEmpty();
    }

    @AllEngines
    void everyReadThroughTheRelationNarrowsToTheSubclass(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = ChildManyToManyTest.orm(s.open(b -> b.interceptor(rec)));
        Band blur = orm.save(new Band("Blur"));
        Band oasis = orm.save(new Band("Oasis"));
        Amp vox = orm.save(new Amp("Vox", 30));
        Amp marshall = orm.save(new Amp("Marshall", 100));
        Mic sm58 = orm.save(new Mic("SM58", "cardioid"));
        Gear stand = orm.save(new Gear("Stand"));
        rec.take();

        blur.amps.add(vox, marshall);
        assertThat(rec.take()).extracting(StatementContext::operation)
                .containsExactly(Operation.SELECT, Operation.INSERT);
        oasis.amps.add(vox);
        // the root's table holds every model's rows, so the key admits a link to a mic's or a plain gear's row
        // (written outside the ORM here); the relation still reads amps only
        s.db().sql("INSERT INTO mm_band_amps (band_id, amp_id) VALUES (?, ?)", blur.id, sm58.id).execute();
        s.db().sql("INSERT INTO mm_band_amps (band_id, amp_id) VALUES (?, ?)", blur.id, stand.id).execute();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_amps WHERE band_id = ?", blur.id)).isEqualTo(4);
        rec.take();

        List<Amp> amps = blur.amps.all();
        assertThat(amps).extracting(a -> a.label + ":" + a.watts).containsExactly("Marshall:100", "Vox:30");
        assertThat(amps).allSatisfy(a -> assertThat(a).isExactlyInstanceOf(Amp.class));
        // one SELECT, narrowed by the discriminator (its value bound)
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.sql()).containsPattern("kind.? = \\?"));
        assertThat(blur.amps.query().count()).isEqualTo(2);

        // filters across the relation: the mic's and the stand's labels are not an amp's
        assertThat(orm.objects(Band_.TYPE).filter(Band_.AMPS, a -> a.label.in("SM58", "Stand"))
                .valuesFlat(Band_.NAME)).isEmpty();
        assertThat(orm.objects(Band_.TYPE).filter(Band_.AMPS, a -> a.watts.gt(50)).valuesFlat(Band_.NAME))
                .containsExactly("Blur");
        assertThat(orm.objects(Band_.TYPE).filter(Band_.AMPS, a -> a.label.eq("Vox")).valuesFlat(Band_.NAME))
                .containsExactly("Blur", "Oasis");

        // prefetch: two statements, amps only; with a query set of its own too
        rec.take();
        List<Band> bands = orm.objects(Band_.TYPE).prefetchRelated(Band_.AMPS).list();
        assertThat(bands).extracting(b -> b.name + "=" + labels(b.amps.all()))
                .containsExactly("Blur=[Marshall, Vox]", "Oasis=[Vox]");
        assertThat(rec.take()).hasSize(2);
        Prefetch<Band, Amp> loud = Prefetch.of(Band_.AMPS, orm.objects(Amp_.TYPE).filter(Amp_.WATTS.gt(50)))
                .toAttr("loud");
        assertThat(orm.objects(Band_.TYPE).prefetchRelated(loud).list()).extracting(b -> labels(loud.get(b)))
                .containsExactly(List.of("Marshall"), List.of());

        // counts over the relation count amps only
        assertThat(orm.objects(Band_.TYPE).annotate("amps", Band_.AMPS, a -> Functions.count(a.id)).list())
                .extracting(b -> b.name + "=" + ((Number) b.annotation("amps")).longValue())
                .containsExactly("Blur=2", "Oasis=1");

        // set and remove act on the link rows of the amps named; clear on every link row of the band
        blur.amps.set(vox);
        assertThat(labels(blur.amps.all())).containsExactly("Vox");
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_amps WHERE band_id = ?", blur.id)).isEqualTo(1);
        blur.amps.remove(vox);
        assertThat(blur.amps.all()).isEmpty();
        oasis.amps.clear();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_amps")).isZero();
    }

    @AllEngines
    void aSubclassOwnsARelationAndItsLinkRowsGoWithItsRow(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = ChildManyToManyTest.orm(s.open(b -> b.interceptor(rec)));
        Band blur = orm.save(new Band("Blur"));
        Band oasis = orm.save(new Band("Oasis"));
        Mic sm58 = orm.save(new Mic("SM58", "cardioid"));
        Mic u87 = orm.save(new Mic("U87", "omni"));
        orm.save(new Amp("Vox", 30));
        sm58.bands.add(blur, oasis);
        u87.bands.add(oasis);

        assertThat(sm58.bands.all()).extracting(b -> b.name).containsExactly("Blur", "Oasis");
        assertThat(labels(orm.objects(Mic_.TYPE).filter(Mic_.BANDS, b -> b.name.eq("Oasis")).list()))
                .containsExactly("SM58", "U87");
        rec.take();
        assertThat(orm.objects(Mic_.TYPE).prefetchRelated(Mic_.BANDS).list())
                .extracting(m -> m.label + "=" + m.bands.all().size()).containsExactly("SM58=2", "U87=1");
        assertThat(rec.take()).hasSize(2);
        assertThat(orm.objects(Mic_.TYPE).annotate("bands", Mic_.BANDS, b -> Functions.count(b.id)).list())
                .extracting(m -> ((Number) m.annotation("bands")).longValue()).containsExactly(2L, 1L);
        // a polymorphic read of the root hands out the mic with its relation bound
        Mic polymorphic = (Mic) orm.objects(Gear_.TYPE).listPolymorphic().stream()
                .filter(g -> g.label.equals("U87")).findFirst().orElseThrow();
        assertThat(polymorphic.bands.all()).extracting(b -> b.name).containsExactly("Oasis");

        // purging the root's instance of a mic's row removes the mic's link rows too
        rec.take();
        orm.purge(orm.objects(Gear_.TYPE).get(sm58.id));
        assertThat(rec.take()).filteredOn(c -> c.operation() == Operation.DELETE)
                .extracting(c -> c.tables().get(0)).contains("mic_bands", "mm_band_amps").endsWith("mm_gear");
        assertThat(raw(s, "SELECT COUNT(*) FROM mic_bands WHERE mic_id = ?", sm58.id)).isZero();
        assertThat(raw(s, "SELECT COUNT(*) FROM mic_bands")).isEqualTo(1);

        // deleting the other end removes its link rows from a subclass's relation
        orm.delete(oasis);
        assertThat(raw(s, "SELECT COUNT(*) FROM mic_bands")).isZero();
        assertThat(u87.bands.all()).isEmpty();
    }
}
