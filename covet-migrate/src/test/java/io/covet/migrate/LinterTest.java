package io.covet.migrate;

import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LinterTest {
    static Migration risky() {
        return new Migration(new MigrationKey("shop", "0002_risky"), List.of(Shop.m1().key()), List.of(
                new AddField("customer", Column.of("age", Shop.INT)),
                new AddIndex("customer", Index.of("customer_name_idx", List.of("name"))),
                new AlterField("customer", Column.of("name", ColumnType.of(ColumnType.Kind.INTEGER))),
                new AlterField("orders", Column.of("customer_id", Shop.BIGINT)),
                new RemoveField("orders", "total"),
                new AddConstraint("customer", new ForeignKey("customer_self_fk", List.of("age"), "customer",
                        List.of("id"), OnDelete.CASCADE)),
                new AlterField("customer", Column.nullable("age", Shop.INT)),
                new AlterField("customer", Column.of("age", Shop.INT))));
    }

    static List<String> rules(Engine e) {
        List<Migration> all = List.of(Shop.m1(), risky());
        return Linter.lint(new MigrationGraph(all, Set.of()), List.of(risky()), e).stream()
                .map(f -> f.operation() + ":" + f.rule()).toList();
    }

    @Test
    void flagsEachRiskForPostgres() {
        assertThat(rules(Engine.POSTGRESQL)).containsExactly("1:add-not-null-column", "2:index-locks-table",
                "3:table-rewrite", "5:drop-or-rename-breaks-old-release", "6:foreign-key-validates-inline",
                "8:set-not-null");
    }

    @Test
    void mariaDbHasNoNotValidOrSetNotNullRulesButStillLocksOnIndexes() {
        assertThat(rules(Engine.MARIADB)).containsExactly("1:add-not-null-column", "2:index-locks-table",
                "3:table-rewrite", "5:drop-or-rename-breaks-old-release");
        List<LintFinding> f = Linter.lint(new MigrationGraph(List.of(Shop.m1(), risky()), Set.of()), List.of(risky()),
                Engine.MARIADB);
        assertThat(f.get(1).fix()).contains("ALGORITHM=INPLACE, LOCK=NONE").contains("--lock-timeout");
        assertThat(f.get(0).toString()).startsWith("shop.0002_risky #1 [add-not-null-column] Adding NOT NULL column "
                + "customer.age without a default");
    }

    @Test
    void newTablesAreNotFlagged() {
        assertThat(Linter.lint(new MigrationGraph(List.of(Shop.m1(), Shop.m2()), Set.of()), List.of(Shop.m1(), Shop.m2()),
                Engine.POSTGRESQL)).isEmpty();
    }
}
