package io.covet.orm.inherit;

import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code only}/{@code defer} on a multi-table child, naming inherited (parent table) and own (child table) fields:
 * what is selected, what the instance lacks, loading the rest, and saves that write only the changed table and
 * never the deferred columns (read back with raw JDBC).
 */
class MultiTableDeferTest {

    private static String raw(Scratch s, long id) throws Exception {
        try (Connection c = s.rawConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT p.name, p.city, r.serves_pizza, r.seats, r.chef FROM inh_place p "
                     + "JOIN inh_restaurant r ON r.place_ptr_id = p.id WHERE p.id = " + id)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3) + " " + rs.getInt(4) + " "
                    + rs.getString(5);
        }
    }

    @AllEngines
    void onlyAndDeferNameParentAndChildFieldsAndSavesKeepTheDeferredColumns(Scratch s) throws Exception {
        Recorder rec = new Recorder();
        Orm orm = MultiTableTest.orm(s.open(b -> b.interceptor(rec)));
        Restaurant saved = orm.save(new Restaurant("Alma", "Rome", true, 20));
        saved.chef = "Ana";
        orm.save(saved);
        rec.take();

        Restaurant r = orm.objects(Restaurant_.TYPE).only(Restaurant_.NAME, Restaurant_.SEATS).get(saved.id);
        List<StatementContext> read = rec.take();
        assertThat(read).singleElement().satisfies(c -> {
            // the outer select list; the child's read source (its table joined to the parent's) is a derived table
            // that the engines merge into the query
            String select = c.sql().substring(0, c.sql().indexOf("FROM"));
            assertThat(select).contains("name").contains("seats").doesNotContain("city").doesNotContain("chef");
        });
        assertThat(r.name).isEqualTo("Alma");
        assertThat(r.seats).isEqualTo(20);
        assertThat(r.city).isNull();
        assertThat(r.chef).isNull();
        assertThat(r.deferredFields()).containsExactly("city", "owner", "servesPizza", "chef");

        // a save of the partial instance writes the changed own field only: city and chef stay in the tables
        r.seats = 25;
        orm.save(r);
        assertThat(rec.take()).filteredOn(c -> c.operation() == Operation.UPDATE).singleElement()
                .satisfies(c -> assertThat(c.tables()).containsExactly("inh_restaurant"));
        assertThat(raw(s, saved.id)).isEqualTo("Alma Rome true 25 Ana");
        // and a changed inherited field: the parent's table only
        r.name = "Alma Nova";
        orm.save(r);
        assertThat(raw(s, saved.id)).isEqualTo("Alma Nova Rome true 25 Ana");

        // the same by names, and defer over both tables; loading fills the rest with one query
        Restaurant d = orm.objects(Restaurant_.TYPE).defer("city", "chef").get(saved.id);
        assertThat(d.deferredFields()).containsExactly("city", "chef");
        assertThat(d.seats).isEqualTo(25);
        Restaurant n = orm.objects(Restaurant_.TYPE).only("name", "servesPizza").get(saved.id);
        assertThat(n.servesPizza).isTrue();
        assertThat(n.seats).isZero();
        rec.take();
        orm.loadDeferred(n);
        assertThat(rec.take()).hasSize(1);
        assertThat(n.city).isEqualTo("Rome");
        assertThat(n.chef).isEqualTo("Ana");
        assertThat(n.seats).isEqualTo(25);
        assertThat(n.deferredFields()).isEmpty();
    }
}
