package io.covet.orm.inherit.m2m;

import io.covet.core.Database;
import io.covet.core.error.ForeignKeyViolation;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Prefetch;
import io.covet.schema.ForeignKey;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.sql.Functions;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Many-to-many relations to and from multi-table children: Band → Hall (automatic and through Gig), Hall → Crew
 * (declared on the child, inherited by the grandchild Studio), Venue → Crew (declared on the parent, inherited by
 * both), Crew → Studio (to a grandchild). Link tables reference each end's own table, so a link row names a child's
 * row, not just its parent's; every operation, read path and delete works through them.
 */
class ChildManyToManyTest {

    static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Venue_.TYPE, Hall_.TYPE, Studio_.TYPE, Crew_.TYPE, Band_.TYPE,
                Gig_.TYPE, Gear_.TYPE, Amp_.TYPE, Mic_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static long raw(Scratch s, String sql, Object... args) {
        return s.db().sql(sql, args).list(rs -> rs.getLong(1)).get(0);
    }

    private static List<String> names(List<? extends Venue> venues) {
        return venues.stream().map(v -> v.name).toList();
    }

    private static ForeignKey fk(Schema schema, String table, String column) {
        return schema.require(table).foreignKeys().stream().filter(f -> f.columns().equals(List.of(column)))
                .findFirst().orElseThrow();
    }

    @AllEngines
    void theLinkTablesReferenceTheChildsOwnTableAndMatchTheLiveSchema(Scratch s) {
        Orm orm = orm(s.db());
        Schema expected = OrmSchema.of(orm);
        // to a child: its link column; from a child: the same; to a grandchild: its link to its parent's link
        assertThat(fk(expected, "mm_band_halls", "hall_id")).satisfies(f -> {
            assertThat(f.refTable()).isEqualTo("mm_hall");
            assertThat(f.refColumns()).containsExactly("venue_ptr_id");
        });
        assertThat(fk(expected, "mm_hall_crew", "hall_id")).satisfies(f -> {
            assertThat(f.refTable()).isEqualTo("mm_hall");
            assertThat(f.refColumns()).containsExactly("venue_ptr_id");
        });
        assertThat(fk(expected, "mm_crew_studios", "studio_id")).satisfies(f -> {
            assertThat(f.refTable()).isEqualTo("mm_studio");
            assertThat(f.refColumns()).containsExactly("hall_ptr_id");
        });
        // an inherited relation keeps its parent's one table, referencing the parent's key
        assertThat(expected.tables()).filteredOn(t -> t.name().startsWith("mm_venue_cleaners")).singleElement()
                .satisfies(t -> assertThat(fk(expected, t.name(), "venue_id").refTable()).isEqualTo("mm_venue"));
        assertThat(expected.require("mm_hall_crew").primaryKey()).containsExactly("hall_id", "crew_id");
        assertThat(SchemaComparison.differences(expected, Introspector.read(s.db()), s.engine(), "the models"))
                .isEmpty();

        // a link to a venue that is not a hall breaks the key; to a hall's row it holds
        Band blur = orm.save(new Band("Blur"));
        Venue field = orm.save(new Venue("Field"));
        Hall hall = orm.save(new Hall("Roundhouse", 300));
        assertThatThrownBy(() -> s.db().sql("INSERT INTO mm_band_halls (band_id, hall_id) VALUES (?, ?)",
                blur.id, field.id).execute()).isInstanceOf(ForeignKeyViolation.class);
        s.db().sql("INSERT INTO mm_band_halls (band_id, hall_id) VALUES (?, ?)", blur.id, hall.id).execute();
        assertThat(names(blur.halls.all())).containsExactly("Roundhouse");
    }

    @AllEngines
    void addRemoveSetAndClearLinkChildrenAndReadThemBackWhole(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Band blur = orm.save(new Band("Blur"));
        Hall round = orm.save(new Hall("Roundhouse", 300));
        Hall brix = orm.save(new Hall("Brixton", 900));
        Studio abbey = orm.save(new Studio("Abbey", 40, 3));
        rec.take();

        blur.halls.add(round, brix);
        // which are linked already, then one INSERT
        assertThat(rec.take()).extracting(StatementContext::operation)
                .containsExactly(Operation.SELECT, Operation.INSERT);
        blur.halls.add(round, abbey);                     // round is linked: only abbey is inserted
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_halls WHERE band_id = ?", blur.id)).isEqualTo(3);
        rec.take();

        List<Hall> halls = blur.halls.all();               // one SELECT: each hall with parent and own fields
        assertThat(rec.take()).hasSize(1);
        assertThat(halls).extracting(h -> h.name + ":" + h.seats).containsExactly("Abbey:40", "Brixton:900",
                "Roundhouse:300");
        assertThat(halls).allSatisfy(h -> assertThat(h).isExactlyInstanceOf(Hall.class));

        blur.halls.remove(brix);
        assertThat(rec.take()).extracting(StatementContext::operation).containsExactly(Operation.DELETE);
        assertThat(names(blur.halls.all())).containsExactly("Abbey", "Roundhouse");

        rec.take();
        blur.halls.set(brix, abbey);                       // unlink the rest, then link what is missing
        assertThat(rec.take()).extracting(StatementContext::operation)
                .containsExactly(Operation.DELETE, Operation.SELECT, Operation.INSERT);
        assertThat(names(blur.halls.all())).containsExactly("Abbey", "Brixton");
        assertThat(s.db().sql("SELECT hall_id FROM mm_band_halls WHERE band_id = ? ORDER BY hall_id", blur.id)
                .list(rs -> rs.getLong(1))).containsExactly(brix.id, abbey.id);

        blur.halls.set();                                  // nothing: every link goes
        assertThat(blur.halls.all()).isEmpty();
        blur.halls.add(round);
        blur.halls.clear();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_halls")).isZero();

        // an unsaved hall cannot be linked, and nothing is written
        assertThatThrownBy(() -> blur.halls.add(new Hall("Nowhere", 1)))
                .isInstanceOf(OrmUsageException.class).hasMessageContaining("is not saved: save it before linking it");
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_halls")).isZero();
    }

    @AllEngines
    void aChildOwnsARelationWhichItsChildInheritsAlongWithItsParents(Scratch s) {
        Orm orm = orm(s.db());
        Crew ann = orm.save(new Crew("Ann"));
        Crew bob = orm.save(new Crew("Bob"));
        Venue field = orm.save(new Venue("Field"));
        Hall round = orm.save(new Hall("Roundhouse", 300));
        Studio abbey = orm.save(new Studio("Abbey", 40, 3));

        round.crew.add(ann);
        abbey.crew.add(ann, bob);                          // Hall's relation, inherited: Hall's link table
        abbey.cleaners.add(bob);                           // Venue's relation, inherited twice: Venue's link table
        field.cleaners.add(ann);
        ann.studios.add(abbey);                            // to a grandchild
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_hall_crew")).isEqualTo(3);
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_venue_cleaners")).isEqualTo(2);

        assertThat(round.crew.all()).extracting(c -> c.name).containsExactly("Ann");
        assertThat(abbey.crew.all()).extracting(c -> c.name).containsExactly("Ann", "Bob");
        assertThat(orm.objects(Studio_.TYPE).get(abbey.id).cleaners.all()).extracting(c -> c.name)
                .containsExactly("Bob");
        // the venue read as its parent sees the same link rows
        assertThat(orm.objects(Venue_.TYPE).get(abbey.id).cleaners.all()).extracting(c -> c.name)
                .containsExactly("Bob");
        assertThat(ann.studios.all()).extracting(st -> st.name + ":" + st.booths).containsExactly("Abbey:3");

        // filters across the child's own and inherited relations, from each level
        assertThat(names(orm.objects(Hall_.TYPE).filter(Hall_.CREW, c -> c.name.eq("Ann")).list()))
                .containsExactly("Abbey", "Roundhouse");
        assertThat(names(orm.objects(Studio_.TYPE).filter(Studio_.CREW, c -> c.name.eq("Bob")).list()))
                .containsExactly("Abbey");
        assertThat(names(orm.objects(Hall_.TYPE).filter(Hall_.CLEANERS, c -> c.name.eq("Bob")).list()))
                .containsExactly("Abbey");
        assertThat(names(orm.objects(Venue_.TYPE).filter(Venue_.CLEANERS, c -> c.id.isNotNull()).list()))
                .containsExactly("Abbey", "Field");
        assertThat(orm.objects(Crew_.TYPE).filter(Crew_.STUDIOS, st -> st.booths.gt(2)).valuesFlat(Crew_.NAME))
                .containsExactly("Ann");
    }

    @AllEngines
    void filtersPrefetchesAndCountsGoThroughTheChildsColumns(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Band blur = orm.save(new Band("Blur"));
        Band oasis = orm.save(new Band("Oasis"));
        orm.save(new Band("Pulp"));
        Hall round = orm.save(new Hall("Roundhouse", 300));
        Hall brix = orm.save(new Hall("Brixton", 900));
        Studio abbey = orm.save(new Studio("Abbey", 40, 3));
        Crew ann = orm.save(new Crew("Ann"));
        blur.halls.add(round, brix);
        oasis.halls.add(brix, abbey);
        brix.crew.add(ann);

        // a child's own column and an inherited one, across the relation; rows never repeat
        assertThat(orm.objects(Band_.TYPE).filter(Band_.HALLS, h -> h.seats.gt(200)).valuesFlat(Band_.NAME))
                .containsExactly("Blur", "Oasis");
        assertThat(orm.objects(Band_.TYPE).filter(Band_.HALLS, h -> h.name.startsWith("A")).valuesFlat(Band_.NAME))
                .containsExactly("Oasis");
        assertThat(orm.objects(Band_.TYPE).exclude(Band_.HALLS, h -> h.seats.lt(100)).valuesFlat(Band_.NAME))
                .containsExactly("Blur", "Pulp");
        assertThat(orm.objects(Band_.TYPE).filter(Band_.HALLS.then(Hall_.CREW), c -> c.name.eq("Ann"))
                .valuesFlat(Band_.NAME)).containsExactly("Blur", "Oasis");

        // prefetch: one statement for the bands, one for their halls; nested, one more per step
        rec.take();
        List<Band> bands = orm.objects(Band_.TYPE).prefetchRelated(Band_.HALLS).list();
        assertThat(bands).extracting(b -> b.name + "=" + names(b.halls.all()))
                .containsExactly("Blur=[Brixton, Roundhouse]", "Oasis=[Abbey, Brixton]", "Pulp=[]");
        assertThat(bands.get(1).halls.all()).extracting(h -> h.seats).containsExactly(40, 900);
        assertThat(rec.take()).hasSize(2);
        bands = orm.objects(Band_.TYPE).prefetchRelated(Band_.HALLS.then(Hall_.CREW)).list();
        assertThat(bands.get(0).halls.all()).extracting(h -> h.name + "=" + h.crew.all().size())
                .containsExactly("Brixton=1", "Roundhouse=0");
        assertThat(rec.take()).hasSize(3);
        Prefetch<Band, Hall> big = Prefetch.of(Band_.HALLS, orm.objects(Hall_.TYPE).filter(Hall_.SEATS.gt(200)))
                .toAttr("big");
        assertThat(orm.objects(Band_.TYPE).prefetchRelated(big).list()).extracting(b -> names(big.get(b)))
                .containsExactly(List.of("Brixton", "Roundhouse"), List.of("Brixton"), List.of());
        assertThat(rec.take()).hasSize(2);

        // counts and sums over the relation, grouped per band (a band without halls counts 0)
        List<Band> counted = orm.objects(Band_.TYPE)
                .annotate("halls", Band_.HALLS, h -> Functions.count(h.id))
                .annotate("seats", Band_.HALLS, h -> Functions.sum(h.seats)).list();
        assertThat(counted).extracting(b -> b.name + "=" + ((Number) b.annotation("halls")).longValue())
                .containsExactly("Blur=2", "Oasis=2", "Pulp=0");
        assertThat(((Number) counted.get(1).annotation("seats")).longValue()).isEqualTo(940);
        assertThat(blur.halls.query().count()).isEqualTo(2);
        assertThat(oasis.halls.query().filter(Hall_.SEATS.lt(100)).list()).extracting(h -> h.name)
                .containsExactly("Abbey");
        assertThat(orm.objects(Hall_.TYPE).annotate("crew", Hall_.CREW, c -> Functions.count(c.id)).list())
                .extracting(h -> h.name + "=" + ((Number) h.annotation("crew")).longValue())
                .containsExactly("Abbey=0", "Brixton=1", "Roundhouse=0");
    }

    @AllEngines
    void deletingAChildRemovesItsLinkRowsOnEitherSideAndAtEveryLevel(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Band blur = orm.save(new Band("Blur"));
        Hall round = orm.save(new Hall("Roundhouse", 300));
        Hall brix = orm.save(new Hall("Brixton", 900));
        Studio abbey = orm.save(new Studio("Abbey", 40, 3));
        Crew ann = orm.save(new Crew("Ann"));
        blur.halls.add(round, brix, abbey);
        round.crew.add(ann);
        round.cleaners.add(ann);
        abbey.crew.add(ann);
        abbey.cleaners.add(ann);
        ann.studios.add(abbey);
        rec.take();

        orm.delete(round);
        // the ORM removes the link rows itself (not only the database's ON DELETE CASCADE), then the rows
        List<StatementContext> deletes = rec.take().stream().filter(c -> c.operation() == Operation.DELETE).toList();
        assertThat(deletes).extracting(c -> c.tables().get(0))
                .contains("mm_band_halls", "mm_hall_crew", "mm_venue_cleaners")
                .endsWith("mm_hall", "mm_venue");
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_halls WHERE hall_id = ?", round.id)).isZero();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_hall_crew WHERE hall_id = ?", round.id)).isZero();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_venue_cleaners WHERE venue_id = ?", round.id)).isZero();
        assertThat(names(blur.halls.all())).containsExactly("Abbey", "Brixton");

        // the parent instance of a grandchild's row: every level's links go with it
        orm.delete(orm.objects(Venue_.TYPE).get(abbey.id));
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_crew_studios")).isZero();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_hall_crew")).isZero();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_venue_cleaners")).isZero();
        assertThat(names(blur.halls.all())).containsExactly("Brixton");

        // deleting the other end
        orm.delete(blur);
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_halls")).isZero();
        assertThat(orm.objects(Hall_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Crew_.TYPE).count()).isEqualTo(1);

        // a query set's delete takes the same path
        Band pulp = orm.save(new Band("Pulp"));
        pulp.halls.add(brix);
        brix.crew.add(ann);
        assertThat(orm.objects(Hall_.TYPE).filter(Hall_.SEATS.gt(500)).delete()).isEqualTo(1);
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_band_halls")).isZero();
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_hall_crew")).isZero();
        assertThat(pulp.halls.all()).isEmpty();
    }

    @AllEngines
    void aThroughModelToAChildReadsFiltersAndPrefetchesAndRefusesAdd(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Band blur = orm.save(new Band("Blur"));
        Band pulp = orm.save(new Band("Pulp"));
        Hall round = orm.save(new Hall("Roundhouse", 300));
        Studio abbey = orm.save(new Studio("Abbey", 40, 3));
        orm.save(new Gig(blur, round, "2026-01-10"));
        orm.save(new Gig(blur, abbey, "2026-02-11"));
        orm.save(new Gig(pulp, abbey, "2026-03-12"));

        assertThat(names(blur.gigs.all())).containsExactly("Abbey", "Roundhouse");
        assertThat(orm.objects(Band_.TYPE).filter(Band_.GIGS, h -> h.seats.gt(100)).valuesFlat(Band_.NAME))
                .containsExactly("Blur");
        rec.take();
        assertThat(orm.objects(Band_.TYPE).prefetchRelated(Band_.GIGS).list())
                .extracting(b -> b.name + "=" + names(b.gigs.all()))
                .containsExactly("Blur=[Abbey, Roundhouse]", "Pulp=[Abbey]");
        assertThat(rec.take()).hasSize(2);
        assertThat(orm.objects(Band_.TYPE).annotate("gigs", Band_.GIGS, h -> Functions.count(h.id)).list())
                .extracting(b -> ((Number) b.annotation("gigs")).longValue()).containsExactly(2L, 1L);

        // the reverse side: the child's accessor of the through model's key, inherited by the grandchild
        assertThat(names(orm.objects(Hall_.TYPE).filter(Hall_.GIGS.then(Gig_.BAND), b -> b.name.eq("Pulp"))
                .list())).containsExactly("Abbey");
        assertThat(orm.objects(Studio_.TYPE).get(abbey.id).gigs.all()).extracting(g -> g.night)
                .containsExactly("2026-02-11", "2026-03-12");
        assertThat(orm.objects(Hall_.TYPE).prefetchRelated(Hall_.GIGS).list())
                .extracting(h -> h.name + "=" + h.gigs.all().size()).containsExactly("Abbey=2", "Roundhouse=1");
        // the relation through Gig declared on Hall, inherited by Studio: Gig's key to Hall is the studio's side
        assertThat(orm.objects(Studio_.TYPE).get(abbey.id).bands.all()).extracting(b -> b.name)
                .containsExactly("Blur", "Pulp");
        assertThat(names(orm.objects(Studio_.TYPE).filter(Studio_.BANDS, b -> b.name.eq("Pulp")).list()))
                .containsExactly("Abbey");
        assertThat(orm.objects(Studio_.TYPE).prefetchRelated(Studio_.BANDS).list())
                .extracting(st -> st.name + "=" + st.bands.all().size()).containsExactly("Abbey=2");

        // add/remove stay refused for a through model, and nothing is written
        assertThatThrownBy(() -> blur.gigs.add(abbey)).isInstanceOf(OrmUsageException.class)
                .hasMessage("Band.gigs goes through Gig: create or delete Gig instances instead of add/remove");
        assertThat(raw(s, "SELECT COUNT(*) FROM mm_gig")).isEqualTo(3);

        // deleting the hall cascades to its gigs (Gig.hall is CASCADE)
        orm.delete(abbey);
        assertThat(orm.objects(Gig_.TYPE).valuesFlat(Gig_.NIGHT)).containsExactly("2026-01-10");
        assertThat(names(blur.gigs.all())).containsExactly("Roundhouse");
    }
}
