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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-table inheritance: a child model's own fields in its own table, linked one-to-one to its parent's row;
 * saves write both tables in one transaction, deletes remove child then parent, queries on the child join the
 * parent.
 */
class MultiTableTest {

    static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Keeper_.TYPE, Place_.TYPE, Restaurant_.TYPE, Bar_.TYPE,
                Review_.TYPE, Booking_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static List<String> names(List<? extends Place> places) {
        return places.stream().map(p -> p.name).toList();
    }

    @AllEngines
    void saveWritesTheParentRowThenTheChildRowAndUpdatesOnlyTheChangedTables(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        rec.take();

        Restaurant r = orm.save(new Restaurant("Luigi's", "Rome", true, 40));
        List<StatementContext> insert = rec.take();
        assertThat(insert).extracting(StatementContext::operation).containsExactly(Operation.INSERT, Operation.INSERT);
        assertThat(insert.get(0).tables()).containsExactly("inh_place");
        assertThat(insert.get(1).tables()).containsExactly("inh_restaurant");
        assertThat(r.id).isNotNull();

        // the parent's table holds the inherited fields, the child's the link and its own
        assertThat(s.db().sql("SELECT name FROM inh_place WHERE id = ?", r.id).list(rs -> rs.getString(1)).get(0))
                .isEqualTo("Luigi's");
        assertThat(s.db().sql("SELECT seats FROM inh_restaurant WHERE place_ptr_id = ?", r.id)
                .list(rs -> rs.getInt(1)).get(0)).isEqualTo(40);

        rec.take();
        r.seats = 60;                                   // a child field only: one UPDATE of the child's table
        orm.save(r);
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.UPDATE);
            assertThat(c.tables()).containsExactly("inh_restaurant");
        });
        r.city = "Milan";                               // a parent field only: one UPDATE of the parent's table
        orm.save(r);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_place"));
        r.name = "Luigi";                               // both: two UPDATEs
        r.chef = "Mario";
        orm.save(r);
        assertThat(rec.take()).hasSize(2);
        orm.save(r);                                    // nothing changed: nothing sent
        assertThat(rec.take()).isEmpty();

        Restaurant again = orm.objects(Restaurant_.TYPE).get(r.id);
        assertThat(again.name).isEqualTo("Luigi");
        assertThat(again.city).isEqualTo("Milan");
        assertThat(again.seats).isEqualTo(60);
        assertThat(again.chef).isEqualTo("Mario");
        assertThat(again.servesPizza).isTrue();
        // the parent model sees the parent row, as a Place
        assertThat(orm.objects(Place_.TYPE).get(r.id).name).isEqualTo("Luigi");
    }

    @AllEngines
    void aFailingChildInsertLeavesNoParentRow(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Keeper_.TYPE, Place_.TYPE, Restaurant_.TYPE).build();
        orm.createTables();
        s.db().sql("DROP TABLE inh_restaurant").execute();   // the second INSERT of a save now fails
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> orm.save(new Restaurant("Alma", "Rome", false, 1)))
                .isInstanceOf(io.covet.core.error.DataAccessException.class);
        assertThat(orm.objects(Place_.TYPE).count()).isZero();
    }

    @AllEngines
    void queriesOnTheChildFilterAndOrderOnInheritedFieldsInOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Keeper kim = orm.save(new Keeper("Kim"));
        Restaurant a = new Restaurant("Alma", "Rome", true, 20);
        a.owner = Ref.to(kim);
        orm.save(a);
        orm.save(new Restaurant("Bistro", "Paris", false, 80));
        orm.save(new Restaurant("Cantina", "Rome", false, 50));
        orm.save(new Bar("Dive", "Rome", "B-1"));
        orm.save(new Place("Empty lot", "Rome"));
        rec.take();

        // Restaurant's own ordering (-seats); a filter on an inherited field
        assertThat(names(orm.objects(Restaurant_.TYPE).filter(Restaurant_.CITY.eq("Rome")).list()))
                .containsExactly("Cantina", "Alma");
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables())
                .contains("inh_place", "inh_restaurant"));
        // ordering on an inherited field, a lookup and selectRelated through an inherited foreign key
        assertThat(names(orm.objects(Restaurant_.TYPE).orderBy(Restaurant_.NAME.desc()).list()))
                .containsExactly("Cantina", "Bistro", "Alma");
        Restaurant owned = orm.objects(Restaurant_.TYPE).filter(Restaurant_.OWNER, k -> k.name.eq("Kim"))
                .selectRelated(Restaurant_.OWNER).get();
        assertThat(owned.name).isEqualTo("Alma");
        assertThat(owned.owner.get().name).isEqualTo("Kim");
        // Bar has no ordering of its own: Place's (name)
        assertThat(names(orm.objects(Bar_.TYPE).list())).containsExactly("Dive");
        // the parent sees every place
        assertThat(orm.objects(Place_.TYPE).count()).isEqualTo(5);
        assertThat(orm.objects(Restaurant_.TYPE).count()).isEqualTo(3);
    }

    @AllEngines
    void relationsToTheChildJoinThroughTheParentLink(Scratch s) {
        Orm orm = orm(s.db());
        Restaurant alma = orm.save(new Restaurant("Alma", "Rome", true, 20));
        Restaurant bistro = orm.save(new Restaurant("Bistro", "Paris", false, 80));
        orm.save(new Booking(alma, 2));
        orm.save(new Booking(bistro, 6));

        Booking b = orm.objects(Booking_.TYPE).filter(Booking_.RESTAURANT, r -> r.city.eq("Paris"))
                .selectRelated(Booking_.RESTAURANT).get();
        assertThat(b.guests).isEqualTo(6);
        Restaurant loaded = b.restaurant.get();
        assertThat(loaded).isInstanceOf(Restaurant.class);
        assertThat(loaded.name).isEqualTo("Bistro");
        assertThat(loaded.seats).isEqualTo(80);
    }

    @AllEngines
    void deletesRemoveTheChildRowThenTheParentRowAndCascade(Scratch s) {
        Orm orm = orm(s.db());
        Keeper kim = orm.save(new Keeper("Kim"));
        Restaurant alma = orm.save(new Restaurant("Alma", "Rome", true, 20));
        Restaurant bistro = new Restaurant("Bistro", "Paris", false, 80);
        bistro.owner = Ref.to(kim);
        orm.save(bistro);
        Bar dive = orm.save(new Bar("Dive", "Rome", "B-1"));
        orm.save(new Review(alma, 5));                  // points at the parent
        orm.save(new Booking(alma, 2));                 // points at the child
        orm.save(new Review(dive, 3));

        // deleting the child: its booking and the review of its parent row go too
        assertThat(orm.delete(alma)).isPositive();
        assertThat(orm.objects(Restaurant_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Place_.TYPE).count()).isEqualTo(2);
        assertThat(orm.objects(Booking_.TYPE).count()).isZero();
        assertThat(orm.objects(Review_.TYPE).list()).extracting(r -> r.stars).containsExactly(3);
        assertThat(s.db().sql("SELECT COUNT(*) FROM inh_restaurant").list(rs -> rs.getLong(1)).get(0)).isEqualTo(1L);

        // deleting the parent instance of a child removes the child's row first
        orm.delete(orm.objects(Place_.TYPE).get(dive.id));
        assertThat(orm.objects(Bar_.TYPE).count()).isZero();
        assertThat(orm.objects(Review_.TYPE).count()).isZero();

        // a cascade through an inherited foreign key (Place.owner) removes the child with its parent row
        orm.delete(kim);
        assertThat(orm.objects(Restaurant_.TYPE).count()).isZero();
        assertThat(orm.objects(Place_.TYPE).count()).isZero();
    }

    @AllEngines
    void theChildTableHasTheLinkAsKeyAndForeignKeyAndMatchesTheLiveSchema(Scratch s) {
        Orm orm = orm(s.db());
        Schema expected = OrmSchema.of(orm);
        Table child = expected.require("inh_restaurant");
        assertThat(child.columns()).extracting(c -> c.name())
                .containsExactly("place_ptr_id", "serves_pizza", "seats", "chef");
        assertThat(child.primaryKey()).containsExactly("place_ptr_id");
        assertThat(child.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.columns()).containsExactly("place_ptr_id");
            assertThat(fk.refTable()).isEqualTo("inh_place");
            assertThat(fk.refColumns()).containsExactly("id");
        });
        // a foreign key to the child references its link column
        assertThat(expected.require("inh_booking").foreignKeys().get(0).refColumns()).containsExactly("place_ptr_id");
        assertThat(SchemaComparison.differences(expected, Introspector.read(s.db()), s.engine(), "the models"))
                .isEmpty();
    }

    @AllEngines
    void aPolymorphicQueryOnTheParentReturnsEachRowAsItsSubclassInOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        orm.save(new Restaurant("Alma", "Rome", true, 20));
        orm.save(new Bar("Dive", "Rome", "B-1"));
        orm.save(new Place("Empty lot", "Rome"));
        orm.save(new Restaurant("Bistro", "Paris", false, 80));
        rec.take();

        List<Place> places = orm.objects(Place_.TYPE).filter(Place_.CITY.eq("Rome")).listPolymorphic();
        List<StatementContext> sent = rec.take();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).tables()).contains("inh_place", "inh_restaurant", "inh_bar");
        assertThat(places).extracting(p -> p.getClass().getSimpleName() + ":" + p.name)
                .containsExactly("Restaurant:Alma", "Bar:Dive", "Place:Empty lot");   // Place's ordering: name
        Restaurant alma = (Restaurant) places.get(0);
        assertThat(alma.seats).isEqualTo(20);
        assertThat(((Bar) places.get(1)).license).isEqualTo("B-1");

        // the instances are attached as their subclass: a save writes the child's own table
        alma.seats = 25;
        orm.save(alma);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_restaurant"));
        assertThat(orm.objects(Restaurant_.TYPE).get(alma.id).seats).isEqualTo(25);
        // slicing and ordering apply to the one statement; a plain list() stays Places
        assertThat(orm.objects(Place_.TYPE).orderBy(Place_.NAME.desc()).limit(1).listPolymorphic())
                .singleElement().isInstanceOf(Place.class).extracting(p -> p.name).isEqualTo("Empty lot");
        assertThat(orm.objects(Place_.TYPE).list()).allMatch(p -> p.getClass() == Place.class);
        // a model without children: the same as list()
        assertThat(orm.objects(Restaurant_.TYPE).listPolymorphic()).extracting(p -> p.name)
                .containsExactly("Bistro", "Alma");
    }

    @AllEngines
    void aQuerySetDeletesChildrenWithTheirParentRowsAndUpdatesThem(Scratch s) {
        Orm orm = orm(s.db());
        orm.save(new Restaurant("Alma", "Rome", true, 20));
        orm.save(new Restaurant("Bistro", "Paris", false, 80));
        orm.save(new Bar("Dive", "Rome", "B-1"));

        // update() writes both tables: MultiTableWritesTest
        assertThat(orm.objects(Restaurant_.TYPE).update(Restaurant_.SEATS.set(1))).isEqualTo(2);
        assertThat(orm.objects(Restaurant_.TYPE).valuesFlat(Restaurant_.SEATS)).containsExactly(1, 1);

        assertThat(orm.objects(Restaurant_.TYPE).filter(Restaurant_.CITY.eq("Rome")).delete()).isEqualTo(1);
        assertThat(orm.objects(Place_.TYPE).valuesFlat(Place_.NAME)).containsExactly("Bistro", "Dive");
        assertThat(orm.objects(Restaurant_.TYPE).count()).isEqualTo(1);
    }
}
