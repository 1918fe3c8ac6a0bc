package io.covet.orm.inherit;

import io.covet.orm.ModelValidationException;
import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proxy models ({@code @Model(proxy = true)}): another Java type over the concrete model's table, with its own
 * ordering and manager, no table of its own, and relations and deletes shared with the concrete model.
 */
class ProxyModelTest {
    static Orm orm(Scratch s) {
        Orm orm = Orm.builder().database(s.db())
                .models(Keeper_.TYPE, Animal_.TYPE, Dog_.TYPE, OldDog_.TYPE, Visit_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static List<String> names(List<? extends Animal> animals) {
        return animals.stream().map(a -> a.name).toList();
    }

    @AllEngines
    void aProxyReadsAndWritesTheConcreteTableAsItsOwnTypeWithItsOwnOrderingAndManager(Scratch s) {
        Orm orm = orm(s);
        orm.save(new Animal("Tom", "cat", 4));
        Dog rex = orm.save(new Dog("Rex", 4));
        orm.save(new Dog("Ace", 3));
        orm.save(new Dog("Bo", 4));

        // the concrete model sees every row, as Animal instances, in its ordering (name)
        List<Animal> all = orm.objects(Animal_.TYPE).list();
        assertThat(names(all)).containsExactly("Ace", "Bo", "Rex", "Tom");
        assertThat(all).allMatch(a -> a.getClass() == Animal.class);
        // the proxy's manager starts from the dogs; its ordering is -legs, name; instances are Dogs
        List<Dog> dogs = orm.objects(Dog_.TYPE).list();
        assertThat(names(dogs)).containsExactly("Bo", "Rex", "Ace");
        assertThat(dogs.get(1).bark()).isEqualTo("Rex says woof");
        assertThat(names(orm.objects(Dog_.TYPE).injured().list())).containsExactly("Ace");
        // a proxy of a proxy: Animal's ordering (it declares none) and no manager (every row)
        List<OldDog> old = orm.objects(OldDog_.TYPE).list();
        assertThat(names(old)).containsExactly("Ace", "Bo", "Rex", "Tom");
        assertThat(old).allMatch(a -> a.getClass() == OldDog.class);

        // a change through the proxy is a change of the row, seen by the concrete model
        rex.legs = 3;
        orm.save(rex);
        assertThat(orm.objects(Animal_.TYPE).get(rex.id).legs).isEqualTo(3);
        Animal asAnimal = orm.objects(Animal_.TYPE).get(rex.id);
        asAnimal.name = "Rexy";
        orm.save(asAnimal);
        assertThat(orm.objects(Dog_.TYPE).get(rex.id).name).isEqualTo("Rexy");
        assertThat(orm.objects(Dog_.TYPE).filter(Dog_.NAME.startsWith("Rex")).count()).isEqualTo(1);
    }

    @AllEngines
    void relationsAndCascadesWorkThroughEitherType(Scratch s) {
        Orm orm = orm(s);
        Keeper kim = orm.save(new Keeper("Kim"));
        Dog rex = new Dog("Rex", 4);
        rex.keeper = io.covet.orm.Ref.to(kim);
        orm.save(rex);
        Dog ace = orm.save(new Dog("Ace", 4));
        orm.save(new Visit(rex, "shots"));
        orm.save(new Visit(ace, "check-up"));

        // a lookup across the proxy's inherited foreign key, and selectRelated through it
        Dog loaded = orm.objects(Dog_.TYPE).filter(Dog_.KEEPER, k -> k.name.eq("Kim"))
                .selectRelated(Dog_.KEEPER).get();
        assertThat(loaded.name).isEqualTo("Rex");
        assertThat(loaded.keeper.get().name).isEqualTo("Kim");
        // a foreign key to the proxy: a join to the concrete table, loading Dogs
        Visit v = orm.objects(Visit_.TYPE).filter(Visit_.DOG, d -> d.name.eq("Ace")).selectRelated(Visit_.DOG).get();
        assertThat(v.note).isEqualTo("check-up");
        assertThat(v.dog.get()).isInstanceOf(Dog.class);

        // deleting the concrete row cascades to what points at the proxy (Visit) ...
        orm.delete(orm.objects(Animal_.TYPE).get(ace.id));
        assertThat(orm.objects(Visit_.TYPE).valuesFlat(Visit_.NOTE)).containsExactly("shots");
        // ... and deleting the keeper cascades, through the concrete model's foreign key, to the dog and its visit
        orm.delete(kim);
        assertThat(orm.objects(Animal_.TYPE).count()).isZero();
        assertThat(orm.objects(Visit_.TYPE).count()).isZero();
    }

    @AllEngines
    void aProxyHasNoTableOfItsOwn(Scratch s) {
        Orm orm = orm(s);
        Schema expected = OrmSchema.of(orm);
        assertThat(expected.tables().stream().map(t -> t.name()).toList())
                .containsExactlyInAnyOrder("inh_keeper", "inh_animal", "inh_visit");
        Schema live = Introspector.read(s.db());
        assertThat(SchemaComparison.differences(expected, live, s.engine(), "the models")).isEmpty();
        // the foreign key to the proxy is a foreign key to the concrete table
        assertThat(expected.require("inh_visit").foreignKeys().get(0).refTable()).isEqualTo("inh_animal");
    }

    @Test
    void aProxyWithoutItsConcreteModelIsRefusedAtStartup() throws Exception {
        try (Scratch s = Scratch.on(io.covet.core.engine.Engine.SQLITE)) {
            assertThatThrownBy(() -> Orm.builder().database(s.db()).models(Keeper_.TYPE, Dog_.TYPE).build())
                .isInstanceOf(ModelValidationException.class)
                .hasMessageContaining("proxy model Dog uses the table of Animal, which is not registered: add "
                        + "Animal_.TYPE to Orm.builder().models(...) (its table and relations come from it)");
        }
    }
}
