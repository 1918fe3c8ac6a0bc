package io.covet.migrate;

import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.Table;

import java.util.List;

/** Small hand-written migrations of a shop app used across tests. */
final class Shop {
    static final ColumnType BIGINT = ColumnType.of(ColumnType.Kind.BIGINT);
    static final ColumnType INT = ColumnType.of(ColumnType.Kind.INTEGER);

    private Shop() {
    }

    static Table customer() {
        return Table.of("customer", List.of(Column.autoIncrement("id", BIGINT), Column.of("name", ColumnType.varchar(50))),
                List.of("id"));
    }

    static Table order() {
        return new Table("orders", List.of(Column.autoIncrement("id", BIGINT), Column.of("customer_id", BIGINT),
                Column.of("total", ColumnType.decimal(10, 2)).withDefault(ColumnDefault.value("0"))),
                List.of("id"), List.of(), List.of(), List.of(),
                List.of(new ForeignKey("orders_customer_id_fk", List.of("customer_id"), "customer", List.of("id"),
                        OnDelete.CASCADE)));
    }

    static Migration m1() {
        return new Migration(new MigrationKey("shop", "0001_initial"), List.of(),
                List.of(new CreateModel(customer()), new CreateModel(order())));
    }

    static Migration m2() {
        return new Migration(new MigrationKey("shop", "0002_more"), List.of(m1().key()), List.of(
                new AddField("customer", Column.of("points", INT), ColumnDefault.value("10")),
                new AddIndex("customer", Index.of("customer_name_idx", List.of("name"))),
                new RunSql(List.of("INSERT INTO customer (name, points) VALUES ('seed', 1)"),
                        List.of("DELETE FROM customer WHERE name = 'seed'"))));
    }

    static Migration m3() {
        return new Migration(new MigrationKey("shop", "0003_rename"), List.of(m2().key()), List.of(
                new RenameField("customer", "name", "full_name"),
                new AlterField("customer", Column.of("full_name", ColumnType.varchar(120)))));
    }
}
