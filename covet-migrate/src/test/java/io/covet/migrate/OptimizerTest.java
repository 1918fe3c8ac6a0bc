package io.covet.migrate;

import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.Index;
import io.covet.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.covet.migrate.Shop.INT;
import static org.assertj.core.api.Assertions.assertThat;

/** The squash optimizer shortens operation lists only where the resulting schema cannot differ. */
class OptimizerTest {
    private static final Column POINTS = Column.of("points", INT).withDefault(ColumnDefault.value("10"));

    @Test
    void aCreatedTableAbsorbsLaterChangesEvenPastATableThatReferencesIt() {
        List<Operation> ops = List.of(new CreateModel(Shop.customer()), new CreateModel(Shop.order()),
                new AddField("customer", POINTS), new AddIndex("customer", Index.of("customer_name_idx", List.of("name"))),
                new AlterField("customer", Column.of("name", ColumnType.varchar(80))));

        List<Operation> out = Optimizer.optimize(ops);

        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isEqualTo(new CreateModel(Shop.order()));
        assertThat(apply(out)).isEqualTo(apply(ops));
        assertThat(((CreateModel) out.get(0)).table().requireColumn("name").type()).isEqualTo(ColumnType.varchar(80));
    }

    @Test
    void createThenDeleteAndAddThenRemoveCancel() {
        assertThat(Optimizer.optimize(List.of(new CreateModel(Shop.customer()), new AddField("customer", POINTS),
                new DeleteModel("customer")))).isEmpty();
        List<Operation> ops = List.of(new CreateModel(Shop.customer()), new RunSql(List.of("SELECT 1"), List.of()),
                new AddField("customer", POINTS), new AddIndex("customer", Index.of("i", List.of("name"))),
                new RemoveIndex("customer", "i"), new RemoveField("customer", "points"));
        assertThat(Optimizer.optimize(ops)).containsExactly(ops.get(0), ops.get(1));
    }

    @Test
    void renamesAndAlterationsCollapse() {
        assertThat(Optimizer.optimize(List.of(new RenameField("t", "a", "b"), new RenameField("t", "b", "c"))))
                .containsExactly(new RenameField("t", "a", "c"));
        assertThat(Optimizer.optimize(List.of(new RenameModel("a", "b"), new RenameModel("b", "a")))).isEmpty();
        Column v1 = Column.of("x", ColumnType.varchar(10));
        Column v2 = Column.of("x", ColumnType.varchar(20));
        assertThat(Optimizer.optimize(List.of(new AlterField("t", v1), new AlterField("t", v2))))
                .containsExactly(new AlterField("t", v2));
        // An added column keeps the value it gave existing rows when a later change drops its default.
        assertThat(Optimizer.optimize(List.of(new AddField("t", POINTS), new AlterField("t", Column.of("points", INT)))))
                .containsExactly(new AddField("t", Column.of("points", INT), ColumnDefault.value("10")));
        // A type change after an add is kept apart: the added rows' value might not fit the new type.
        List<Operation> typeChange = List.of(new AddField("t", POINTS), new AlterField("t", Column.of("points",
                ColumnType.varchar(5))));
        assertThat(Optimizer.optimize(typeChange)).isEqualTo(typeChange);
    }

    @Test
    void neverAcrossCodeOrAColumnSomethingElseStillUses() {
        List<Operation> acrossSql = List.of(new CreateModel(Shop.customer()), new RunSql(List.of("UPDATE x"), List.of()),
                new AddField("customer", POINTS));
        assertThat(Optimizer.optimize(acrossSql)).isEqualTo(acrossSql);
        List<Operation> acrossJava = List.of(new AddField("customer", POINTS), new RunJava("x.Y", List.of()),
                new RemoveField("customer", "points"));
        assertThat(Optimizer.optimize(acrossJava)).isEqualTo(acrossJava);
        // orders references customer.id: renaming id cannot move before orders' creation.
        List<Operation> referenced = List.of(new CreateModel(Shop.customer()), new CreateModel(Shop.order()),
                new RenameField("customer", "id", "customer_id"));
        assertThat(Optimizer.optimize(referenced)).isEqualTo(referenced);
        // An index over the added column stands between its add and remove.
        List<Operation> indexed = List.of(new AddField("customer", POINTS),
                new AddIndex("customer", Index.of("p", List.of("points"))), new RemoveField("customer", "points"));
        assertThat(Optimizer.optimize(indexed)).isEqualTo(indexed);
    }

    private static Schema apply(List<Operation> ops) {
        Schema s = Schema.empty();
        for (Operation o : ops) {
            s = o.apply(s);
        }
        return s;
    }
}
