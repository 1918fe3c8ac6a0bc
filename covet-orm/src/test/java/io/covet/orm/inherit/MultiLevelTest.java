package io.covet.orm.inherit;

import io.covet.core.Database;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.orm.Ref;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Multi-table inheritance two levels deep: Pizzeria extends Restaurant extends Place, its row spread over three
 * tables linked by Place's key; saves, updates and deletes write every level in one transaction, queries on each
 * level join the levels above it, polymorphic queries return the most derived model.
 */
class MultiLevelTest {

    static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Keeper_.TYPE, Place_.TYPE, Restaurant_.TYPE, Bar_.TYPE,
                Pizzeria_.TYPE, Review_.TYPE, Booking_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static long count(Scratch s, String table) {
        return s.db().sql("SELECT COUNT(*) FROM " + table).list(rs -> rs.getLong(1)).get(0);
    }

    @AllEngines
    void aSaveWritesEveryLevelAndAnUpdateOnlyTheChangedLevels(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        rec.take();

        Pizzeria p = orm.save(new Pizzeria("Da Gino", "Naples", 30, 2));
        List<StatementContext> insert = rec.take();
        assertThat(insert).extracting(StatementContext::operation)
                .containsExactly(Operation.INSERT, Operation.INSERT, Operation.INSERT);
        assertThat(insert).extracting(StatementContext::tables).containsExactly(List.of("inh_place"),
                List.of("inh_restaurant"), List.of("inh_pizzeria"));
        assertThat(s.db().sql("SELECT seats FROM inh_restaurant WHERE place_ptr_id = ?", p.id)
                .list(rs -> rs.getInt(1))).containsExactly(30);
        assertThat(s.db().sql("SELECT ovens FROM inh_pizzeria WHERE restaurant_ptr_id = ?", p.id)
                .list(rs -> rs.getInt(1))).containsExactly(2);
        rec.take();

        p.ovens = 3;                                    // own field: its own table only
        orm.save(p);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_pizzeria"));
        p.seats = 35;                                   // the middle level's field
        orm.save(p);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_restaurant"));
        p.city = "Napoli";                              // the root's field
        orm.save(p);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_place"));
        p.name = "Gino";                                // all three: three UPDATEs
        p.chef = "Gino";
        p.flour = "00";
        orm.save(p);
        assertThat(rec.take()).extracting(StatementContext::tables).containsExactly(List.of("inh_place"),
                List.of("inh_restaurant"), List.of("inh_pizzeria"));
        orm.save(p);
        assertThat(rec.take()).isEmpty();

        Pizzeria again = orm.objects(Pizzeria_.TYPE).get(p.id);
        assertThat(List.of(again.name, again.city, again.seats, again.chef, again.ovens, again.flour))
                .containsExactly("Gino", "Napoli", 35, "Gino", 3, "00");
        assertThat(orm.objects(Restaurant_.TYPE).get(p.id)).isExactlyInstanceOf(Restaurant.class)
                .satisfies(r -> assertThat(r.seats).isEqualTo(35));
        assertThat(orm.objects(Place_.TYPE).get(p.id).name).isEqualTo("Gino");
    }

    @AllEngines
    void aFailingLastInsertOrUpdateLeavesNoLevelWritten(Scratch s) {
        Orm orm = orm(s.db());
        Pizzeria kept = orm.save(new Pizzeria("Kept", "Rome", 10, 1));
        s.db().sql("DROP TABLE inh_pizzeria").execute();   // the third INSERT (and UPDATE) of a save now fails
        assertThatThrownBy(() -> orm.save(new Pizzeria("Alma", "Rome", 20, 1)))
                .isInstanceOf(io.covet.core.error.DataAccessException.class);
        assertThat(count(s, "inh_place")).isEqualTo(1);
        assertThat(count(s, "inh_restaurant")).isEqualTo(1);

        kept.name = "Changed";
        kept.seats = 99;
        kept.ovens = 5;
        assertThatThrownBy(() -> orm.save(kept)).isInstanceOf(io.covet.core.error.DataAccessException.class);
        assertThat(orm.objects(Restaurant_.TYPE).get(kept.id)).satisfies(r -> {
            assertThat(r.name).isEqualTo("Kept");
            assertThat(r.seats).isEqualTo(10);
        });
    }

    @AllEngines
    void queriesOnEachLevelJoinTheLevelsAboveInOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Keeper kim = orm.save(new Keeper("Kim"));
        Pizzeria gino = new Pizzeria("Gino", "Naples", 30, 2);
        gino.owner = Ref.to(kim);
        orm.save(gino);
        orm.save(new Pizzeria("Sorbillo", "Naples", 80, 4));
        orm.save(new Pizzeria("Bonci", "Rome", 20, 1));
        orm.save(new Restaurant("Alma", "Naples", false, 50));
        orm.save(new Place("Lot", "Naples"));
        rec.take();

        // a filter on each level's field and an ordering on the middle one
        assertThat(orm.objects(Pizzeria_.TYPE).filter(Pizzeria_.CITY.eq("Naples")
                        .and(Pizzeria_.SEATS.gt(10)).and(Pizzeria_.OVENS.ge(2))).orderBy(Pizzeria_.SEATS.desc()).list())
                .extracting(p -> p.name).containsExactly("Sorbillo", "Gino");
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables())
                .contains("inh_place", "inh_restaurant", "inh_pizzeria"));
        // the model's own ordering (name), selectRelated through the root's foreign key
        assertThat(orm.objects(Pizzeria_.TYPE).list()).extracting(p -> p.name)
                .containsExactly("Bonci", "Gino", "Sorbillo");
        Pizzeria owned = orm.objects(Pizzeria_.TYPE).filter(Pizzeria_.OWNER, k -> k.name.eq("Kim"))
                .selectRelated(Pizzeria_.OWNER).get();
        assertThat(owned.owner.get().name).isEqualTo("Kim");
        // each level sees its rows and its descendants' rows
        assertThat(orm.objects(Pizzeria_.TYPE).count()).isEqualTo(3);
        assertThat(orm.objects(Restaurant_.TYPE).filter(Restaurant_.CITY.eq("Naples")).count()).isEqualTo(3);
        assertThat(orm.objects(Place_.TYPE).count()).isEqualTo(5);
        // a relation to the middle level reaches a grandchild's row
        orm.save(new Booking(gino, 4));
        assertThat(orm.objects(Booking_.TYPE).filter(Booking_.RESTAURANT, r -> r.name.eq("Gino")).count())
                .isEqualTo(1);
    }

    @AllEngines
    void aPolymorphicQueryReturnsTheMostDerivedModelInOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        orm.save(new Pizzeria("Bonci", "Rome", 20, 1));
        orm.save(new Restaurant("Alma", "Rome", true, 40));
        orm.save(new Bar("Dive", "Rome", "B-1"));
        orm.save(new Place("Lot", "Rome"));
        orm.save(new Pizzeria("Gino", "Naples", 30, 2));
        rec.take();

        List<Place> places = orm.objects(Place_.TYPE).filter(Place_.CITY.eq("Rome")).listPolymorphic();
        List<StatementContext> sent = rec.take();
        assertThat(sent).singleElement().satisfies(c -> assertThat(c.tables())
                .contains("inh_place", "inh_restaurant", "inh_pizzeria", "inh_bar"));
        assertThat(places).extracting(p -> p.getClass().getSimpleName() + ":" + p.name)
                .containsExactly("Restaurant:Alma", "Pizzeria:Bonci", "Bar:Dive", "Place:Lot");
        Pizzeria bonci = (Pizzeria) places.get(1);
        assertThat(List.of(bonci.seats, bonci.ovens, bonci.servesPizza)).containsExactly(20, 1, true);
        assertThat(((Restaurant) places.get(0)).seats).isEqualTo(40);

        // attached as a Pizzeria: saving it writes its own table
        bonci.ovens = 2;
        orm.save(bonci);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_pizzeria"));

        // on the middle level: restaurants and pizzerias, with Restaurant's ordering (-seats), filtered: one
        // statement (unfiltered, one per table: PolymorphicSnapshotTest)
        assertThat(orm.objects(Restaurant_.TYPE).filter(Restaurant_.SEATS.gt(0)).listPolymorphic())
                .extracting(p -> p.getClass().getSimpleName() + ":" + p.name)
                .containsExactly("Restaurant:Alma", "Pizzeria:Gino", "Pizzeria:Bonci");
        assertThat(rec.take()).hasSize(1);
        // on the grandchild itself: the same as list()
        assertThat(orm.objects(Pizzeria_.TYPE).listPolymorphic()).extracting(p -> p.name)
                .containsExactly("Bonci", "Gino");
    }

    @AllEngines
    void deletesRemoveEveryLevelAndCascadeFromEach(Scratch s) {
        Orm orm = orm(s.db());
        Keeper kim = orm.save(new Keeper("Kim"));
        Pizzeria gino = orm.save(new Pizzeria("Gino", "Naples", 30, 2));
        Pizzeria bonci = orm.save(new Pizzeria("Bonci", "Rome", 20, 1));
        Pizzeria owned = new Pizzeria("Owned", "Rome", 5, 1);
        owned.owner = Ref.to(kim);
        orm.save(owned);
        orm.save(new Restaurant("Alma", "Rome", true, 40));
        orm.save(new Review(gino, 5));                  // points at the root
        orm.save(new Booking(gino, 2));                 // points at the middle level
        orm.save(new Review(bonci, 4));

        orm.delete(gino);                               // all three rows, and what points at the root or middle
        assertThat(List.of(count(s, "inh_place"), count(s, "inh_restaurant"), count(s, "inh_pizzeria")))
                .containsExactly(3L, 3L, 2L);
        assertThat(orm.objects(Booking_.TYPE).count()).isZero();
        assertThat(orm.objects(Review_.TYPE).list()).extracting(r -> r.stars).containsExactly(4);

        orm.delete(orm.objects(Place_.TYPE).get(bonci.id));   // the root instance of a grandchild
        assertThat(List.of(count(s, "inh_place"), count(s, "inh_restaurant"), count(s, "inh_pizzeria")))
                .containsExactly(2L, 2L, 1L);
        assertThat(orm.objects(Review_.TYPE).count()).isZero();

        orm.delete(kim);                                // a cascade through the root's foreign key
        assertThat(List.of(count(s, "inh_place"), count(s, "inh_restaurant"), count(s, "inh_pizzeria")))
                .containsExactly(1L, 1L, 0L);

        orm.save(new Pizzeria("Again", "Rome", 1, 1));
        assertThat(orm.objects(Pizzeria_.TYPE).filter(Pizzeria_.CITY.eq("Rome")).delete()).isEqualTo(1);
        assertThat(orm.objects(Place_.TYPE).valuesFlat(Place_.NAME)).containsExactly("Alma");
    }

    @AllEngines
    void bulkCreateBulkUpdateAndAQuerySetUpdateWriteEveryLevel(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        List<Pizzeria> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(new Pizzeria("P" + i, i % 2 == 0 ? "Rome" : "Naples", 10 + i, i));
        }
        rec.take();
        orm.objects(Pizzeria_.TYPE).bulkCreate(many);
        assertThat(rec.take()).extracting(StatementContext::tables).containsExactly(List.of("inh_place"),
                List.of("inh_restaurant"), List.of("inh_pizzeria"));
        assertThat(many).allMatch(p -> p.id != null);
        assertThat(s.db().sql("SELECT r.seats, z.ovens FROM inh_place p JOIN inh_restaurant r ON r.place_ptr_id = p.id"
                + " JOIN inh_pizzeria z ON z.restaurant_ptr_id = p.id WHERE p.name = 'P3'")
                .list(rs -> rs.getInt(1) + "/" + rs.getInt(2))).containsExactly("13/3");
        rec.take();

        for (Pizzeria p : many) {
            p.city = "X" + p.name;
            p.ovens = 100;
        }
        orm.objects(Pizzeria_.TYPE).bulkUpdate(many, "city", "ovens");
        assertThat(rec.take()).filteredOn(c -> c.operation() == Operation.UPDATE).extracting(StatementContext::tables).containsExactly(List.of("inh_place"),
                List.of("inh_pizzeria"));
        assertThat(orm.objects(Pizzeria_.TYPE).filter(Pizzeria_.OVENS.eq(100).and(Pizzeria_.CITY.startsWith("XP")))
                .count()).isEqualTo(5);

        int n = orm.objects(Pizzeria_.TYPE).filter(Pizzeria_.SEATS.ge(12)).update(Pizzeria_.CITY.set("Y"),
                Pizzeria_.CHEF.set("Ana"), Pizzeria_.OVENS.set(Pizzeria_.OVENS.plus(1)));
        assertThat(n).isEqualTo(3);
        assertThat(rec.take()).filteredOn(c -> c.operation() == Operation.UPDATE).extracting(StatementContext::tables)
                .containsExactly(List.of("inh_place"), List.of("inh_restaurant"), List.of("inh_pizzeria"));
        assertThat(orm.objects(Pizzeria_.TYPE).orderBy(Pizzeria_.SEATS.asc()).list())
                .extracting(p -> p.city + "/" + p.chef + "/" + p.ovens)
                .containsExactly("XP0/null/100", "XP1/null/100", "Y/Ana/101", "Y/Ana/101", "Y/Ana/101");

        // a failing statement of a bulkCreate (a duplicate key in the last table) leaves no level written
        long places = count(s, "inh_place");
        Pizzeria clash = new Pizzeria("Clash", "Rome", 1, 1);
        s.db().sql("DROP TABLE inh_pizzeria").execute();
        assertThatThrownBy(() -> orm.objects(Pizzeria_.TYPE).bulkCreate(List.of(clash)))
                .isInstanceOf(io.covet.core.error.DataAccessException.class);
        assertThat(count(s, "inh_place")).isEqualTo(places);
    }

    @AllEngines
    void theGrandchildsTableLinksToItsParentsLinkAndMatchesTheLiveSchema(Scratch s) {
        Orm orm = orm(s.db());
        Schema expected = OrmSchema.of(orm);
        Table t = expected.require("inh_pizzeria");
        assertThat(t.columns()).extracting(c -> c.name()).containsExactly("restaurant_ptr_id", "ovens", "flour");
        assertThat(t.primaryKey()).containsExactly("restaurant_ptr_id");
        assertThat(t.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.refTable()).isEqualTo("inh_restaurant");
            assertThat(fk.refColumns()).containsExactly("place_ptr_id");
        });
        assertThat(SchemaComparison.differences(expected, Introspector.read(s.db()), s.engine(), "the models"))
                .isEmpty();
    }

    @AllEngines
    void aPolymorphicQueryTakesSelectRelatedAnnotationsAndParentFiltersInOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Keeper kim = orm.save(new Keeper("Kim"));
        Pizzeria gino = new Pizzeria("Gino", "Naples", 30, 2);
        gino.owner = Ref.to(kim);
        orm.save(gino);
        Restaurant alma = new Restaurant("Alma", "Rome", true, 40);
        alma.owner = Ref.to(kim);
        orm.save(alma);
        orm.save(new Bar("Dive", "Rome", "B-1"));
        orm.save(new Place("Lot", "Naples"));
        orm.save(new Place("Far", "Paris"));
        rec.take();

        List<Place> places = orm.objects(Place_.TYPE).filter(Place_.CITY.ne("Paris")).orderBy(Place_.NAME.desc())
                .selectRelated(Place_.OWNER).annotate("shout", io.covet.sql.Functions.upper(Place_.NAME))
                .listPolymorphic();
        assertThat(places).extracting(p -> p.getClass().getSimpleName() + ":" + p.name + ":" + p.annotation("shout"))
                .containsExactly("Place:Lot:LOT", "Pizzeria:Gino:GINO", "Bar:Dive:DIVE", "Restaurant:Alma:ALMA");
        assertThat(((Pizzeria) places.get(1)).ovens).isEqualTo(2);
        assertThat(places.get(1).owner.get().name).isEqualTo("Kim");
        assertThat(places.get(3).owner.get().name).isEqualTo("Kim");
        assertThat(rec.take()).hasSize(1);                   // the owners came with the one statement

        // an aggregate annotation groups per row (the children's joined columns among the grouping)
        List<Place> counted = orm.objects(Place_.TYPE).annotate("n", io.covet.sql.Functions.count()).listPolymorphic();
        assertThat(counted).extracting(p -> p.getClass().getSimpleName() + ":" + p.annotation("n"))
                .containsExactly("Restaurant:1", "Bar:1", "Place:1", "Pizzeria:1", "Place:1");
        assertThat(rec.take()).hasSize(1);
    }
}
