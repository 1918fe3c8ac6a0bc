package io.covet.orm.inherit;

import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query set's {@code update()}/{@code delete()} and {@code bulkCreate}/{@code bulkUpdate} on a multi-table child:
 * both tables written (read back and counted with raw JDBC), set-based statements keyed by the filtered keys, one
 * transaction (a failing statement leaves neither table changed).
 */
class MultiTableWritesTest {

    /** Rows of a query as text, read without Covet. */
    private static List<String> raw(Scratch s, String sql) throws Exception {
        try (Connection c = s.rawConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i == 1 ? "" : " ").append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    @AllEngines
    void updateWritesTheParentsAndTheChildsTableForTheFilteredRowsOnly(Scratch s) throws Exception {
        Recorder rec = new Recorder();
        Orm orm = MultiTableTest.orm(s.open(b -> b.interceptor(rec)));
        Restaurant alma = orm.save(new Restaurant("Alma", "Rome", true, 20));
        Restaurant bistro = orm.save(new Restaurant("Bistro", "Paris", false, 80));
        Restaurant cena = orm.save(new Restaurant("Cena", "Rome", false, 30));
        orm.save(new Bar("Dive", "Rome", "B-1"));
        rec.take();

        // a child field and a parent field, filtered by a parent field: one UPDATE per table
        int n = orm.objects(Restaurant_.TYPE).filter(Restaurant_.CITY.eq("Rome"))
                .update(Restaurant_.SEATS.set(Restaurant_.SEATS.plus(5)), Restaurant_.CITY.set("Roma"));
        assertThat(n).isEqualTo(2);
        List<StatementContext> sent = rec.take();
        assertThat(sent).filteredOn(c -> c.operation() == Operation.UPDATE).extracting(StatementContext::tables)
                .containsExactlyInAnyOrder(List.of("inh_place"), List.of("inh_restaurant"));
        assertThat(raw(s, "SELECT p.name, p.city, r.seats FROM inh_place p JOIN inh_restaurant r ON r.place_ptr_id = p.id"
                + " ORDER BY p.name")).containsExactly("Alma Roma 25", "Bistro Paris 80", "Cena Roma 35");
        // the bar in Rome is no restaurant: untouched
        assertThat(raw(s, "SELECT city FROM inh_place WHERE name = 'Dive'")).containsExactly("Rome");

        // an expression over an inherited column, and a child column alone
        orm.objects(Restaurant_.TYPE).filter(Restaurant_.ID.eq(bistro.id))
                .update(Restaurant_.NAME.set(io.covet.sql.Functions.upper(Restaurant_.NAME)));
        orm.objects(Restaurant_.TYPE).filter(Restaurant_.SEATS.gt(30)).update(Restaurant_.CHEF.set("Ana"));
        assertThat(raw(s, "SELECT p.name, r.chef FROM inh_place p JOIN inh_restaurant r ON r.place_ptr_id = p.id"
                + " ORDER BY p.id")).containsExactly("Alma null", "BISTRO Ana", "Cena Ana");
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_place")).containsExactly("4");
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_restaurant")).containsExactly("3");

        // the key cannot be updated; nothing was written
        assertThatThrownBy(() -> orm.objects(Restaurant_.TYPE).update(Restaurant_.ID.set(99L), Restaurant_.CITY.set("X")))
                .isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("update(id) on a query of Restaurant: the key links the child's row to its "
                        + "parent's and cannot be updated. Nothing was written.");
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_place WHERE city = 'X'")).containsExactly("0");
        assertThat(alma.id).isNotNull();
        assertThat(cena.id).isNotNull();
    }

    @AllEngines
    void aFailingSecondStatementRollsBackTheFirstInOneTransaction(Scratch s) throws Exception {
        Orm orm = MultiTableTest.orm(s.db());
        orm.save(new Restaurant("Alma", "Rome", true, 20));
        // seats is NOT NULL: the child's UPDATE fails after the parent's succeeded
        assertThatThrownBy(() -> orm.objects(Restaurant_.TYPE).update(Restaurant_.CITY.set("Milan"),
                Restaurant_.SEATS.set((Integer) null))).isInstanceOf(io.covet.core.error.CovetException.class);
        assertThat(raw(s, "SELECT city FROM inh_place")).containsExactly("Rome");
        // an expression over the other table's column: the engine refuses it, and nothing is written
        assertThatThrownBy(() -> orm.objects(Restaurant_.TYPE).update(Restaurant_.NAME.set("Renamed"),
                Restaurant_.CHEF.set(Restaurant_.CITY))).isInstanceOf(io.covet.core.error.CovetException.class);
        assertThat(raw(s, "SELECT p.name, r.chef FROM inh_place p JOIN inh_restaurant r ON r.place_ptr_id = p.id"))
                .containsExactly("Alma null");
    }

    @AllEngines
    void deleteRemovesTheChildRowsAndTheirParentRows(Scratch s) throws Exception {
        Orm orm = MultiTableTest.orm(s.db());
        orm.save(new Restaurant("Alma", "Rome", true, 20));
        orm.save(new Restaurant("Bistro", "Paris", false, 80));
        orm.save(new Bar("Dive", "Rome", "B-1"));
        assertThat(orm.objects(Restaurant_.TYPE).filter(Restaurant_.SEATS.lt(50)).delete()).isEqualTo(1);
        assertThat(raw(s, "SELECT name FROM inh_place ORDER BY name")).containsExactly("Bistro", "Dive");
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_restaurant")).containsExactly("1");
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_bar")).containsExactly("1");
    }

    @AllEngines
    void bulkCreateInsertsTheParentRowsThenTheChildRowsLinkedByTheKeysReadBack(Scratch s) throws Exception {
        Recorder rec = new Recorder();
        Orm orm = MultiTableTest.orm(s.open(b -> b.interceptor(rec)));
        orm.save(new Bar("Dive", "Rome", "B-1"));   // a parent key already taken: the links must not be guessed
        rec.take();
        List<Restaurant> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(new Restaurant("R" + i, "Oslo", i % 2 == 0, 10 * (i + 1)));
        }
        orm.objects(Restaurant_.TYPE).bulkCreate(made);
        assertThat(rec.take()).filteredOn(c -> c.operation() == Operation.INSERT).extracting(StatementContext::tables)
                .containsExactly(List.of("inh_place"), List.of("inh_restaurant"));
        assertThat(made).allSatisfy(r -> assertThat(r.id).isNotNull());
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_place")).containsExactly("4");
        assertThat(raw(s, "SELECT COUNT(*) FROM inh_restaurant")).containsExactly("3");
        for (Restaurant r : made) {
            assertThat(raw(s, "SELECT p.name, r.seats FROM inh_place p JOIN inh_restaurant r ON r.place_ptr_id = p.id"
                    + " WHERE p.id = " + r.id)).containsExactly(r.name + " " + r.seats);
        }
        // attached as children: a later save updates the child's table
        made.get(0).seats = 99;
        orm.save(made.get(0));
        assertThat(raw(s, "SELECT seats FROM inh_restaurant WHERE place_ptr_id = " + made.get(0).id))
                .containsExactly("99");
        assertThat(orm.objects(Place_.TYPE).listPolymorphic()).filteredOn(p -> p instanceof Restaurant).hasSize(3);

        // bulkLoad reads the parents' keys back too (the child's rows need them)
        orm.objects(Restaurant_.TYPE).bulkLoad(List.of(new Restaurant("L", "Bergen", false, 5)));
        assertThat(raw(s, "SELECT r.seats FROM inh_place p JOIN inh_restaurant r ON r.place_ptr_id = p.id"
                + " WHERE p.name = 'L'")).containsExactly("5");
    }

    @AllEngines
    void bulkUpdateWritesEachTableOfTheNamedFields(Scratch s) throws Exception {
        Orm orm = MultiTableTest.orm(s.db());
        Restaurant alma = orm.save(new Restaurant("Alma", "Rome", true, 20));
        Restaurant bistro = orm.save(new Restaurant("Bistro", "Paris", false, 80));
        alma.city = "Roma";
        alma.seats = 21;
        bistro.city = "Lyon";
        bistro.seats = 81;
        bistro.name = "not written";
        assertThat(orm.objects(Restaurant_.TYPE).bulkUpdate(List.of(alma, bistro), "city", "seats")).isEqualTo(2);
        assertThat(raw(s, "SELECT p.name, p.city, r.seats FROM inh_place p JOIN inh_restaurant r ON r.place_ptr_id = p.id"
                + " ORDER BY p.id")).containsExactly("Alma Roma 21", "Bistro Lyon 81");
        orm.objects(Restaurant_.TYPE).bulkUpdate(List.of(alma), "chef");
        assertThat(raw(s, "SELECT chef FROM inh_restaurant WHERE place_ptr_id = " + alma.id)).containsExactly("null");
        assertThatThrownBy(() -> orm.objects(Restaurant_.TYPE).bulkUpdate(List.of(alma), "seatz"))
                .isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("bulkUpdate: 'seatz' is not an updatable field of Restaurant");
    }
}
