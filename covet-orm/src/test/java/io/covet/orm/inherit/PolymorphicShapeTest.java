package io.covet.orm.inherit;

import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.orm.Orm;
import io.covet.orm.Ref;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The joined statement {@code listPolymorphic()} sends for a filtered query selects the parent's columns once (not
 * once more per child), and a child read from it has its inherited fields, its own fields and its snapshot right:
 * saving it afterwards writes exactly the table of the field that changed.
 */
class PolymorphicShapeTest {

    private static int occurrences(String sql, String identifier) {
        Matcher m = Pattern.compile("\\b" + identifier + "\\b").matcher(sql.toLowerCase(Locale.ROOT));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @AllEngines
    void theParentsColumnsAreSelectedOnceAndChildrenKeepTheirInheritedFields(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = MultiTableTest.orm(s.open(b -> b.interceptor(rec)));
        Keeper kim = orm.save(new Keeper("Kim"));
        Restaurant alma = new Restaurant("Alma", "Rome", true, 20);
        alma.owner = Ref.to(kim);
        alma.chef = "Ada";
        orm.save(alma);
        orm.save(new Bar("Dive", "Paris", "B-1"));
        orm.save(new Place("Empty lot", "Oslo"));
        rec.take();

        // a filter: the one joined statement (an unfiltered query reads table by table, PolymorphicSnapshotTest)
        List<Place> places = orm.objects(Place_.TYPE).filter(Place_.ID.isNotNull()).listPolymorphic();
        List<StatementContext> sent = rec.take();
        assertThat(sent).hasSize(1);
        // "city" is a parent column no child declares: selected once, by the parent's part of the statement
        assertThat(occurrences(sent.get(0).sql(), "city")).isEqualTo(1);
        assertThat(places).extracting(p -> p.getClass().getSimpleName() + ":" + p.name + ":" + p.city)
                .containsExactly("Restaurant:Alma:Rome", "Bar:Dive:Paris", "Place:Empty lot:Oslo");
        Restaurant r = (Restaurant) places.get(0);
        assertThat(r.id).isEqualTo(alma.id);
        assertThat(r.owner.id()).isEqualTo(kim.id);                   // an inherited foreign key
        assertThat(r.servesPizza).isTrue();
        assertThat(r.seats).isEqualTo(20);
        assertThat(r.chef).isEqualTo("Ada");
        assertThat(((Bar) places.get(1)).license).isEqualTo("B-1");
        assertThat(places.get(2).owner).isNull();

        // the snapshot came from the same columns: a changed inherited field updates the parent's table only,
        // a changed own field the child's only
        r.city = "Milan";
        orm.save(r);
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.UPDATE);
            assertThat(c.tables()).containsExactly("inh_place");
        });
        r.chef = null;
        orm.save(r);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_restaurant"));
        Restaurant back = orm.objects(Restaurant_.TYPE).get(alma.id);
        assertThat(back.city).isEqualTo("Milan");
        assertThat(back.chef).isNull();
        assertThat(back.owner.id()).isEqualTo(kim.id);
    }
}
