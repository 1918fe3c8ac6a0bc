package io.covet.migrate;

import io.covet.orm.FieldType;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.HistoryMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.HistoryTable;
import io.covet.schema.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.covet.migrate.OrmSchemaSourceTest.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The history table a {@code @History} model gets in the migrations' target schema, and the models it refuses. */
class HistorySchemaTest {
    private static ModelMeta order(HistoryMeta h, FieldMeta... extra) {
        List<FieldMeta> fields = new java.util.ArrayList<>(List.of(field("id", FieldType.BIG_AUTO).asPrimaryKey(),
                field("total", FieldType.INTEGER), field("secret", FieldType.STRING).withMaxLength(20)));
        fields.addAll(List.of(extra));
        return ModelMeta.of("io.example.shop.Order", "shop_order", fields).withHistory(h);
    }

    @Test
    void theHistoryTableCopiesTrackedColumnsAsNullableAndIndexesKeyAndTime() {
        OrmSchemaSource src = OrmSchemaSource.of(List.of(order(new HistoryMeta("shop_order_history",
                List.of("secret")))), m -> "shop");
        Table h = src.schema().require("shop_order_history");
        assertThat(h.columnNames()).containsExactly("id", "total", "history_id", "valid_from", "valid_to",
                "change_type", "changed_by", "change_reason", "txid");
        assertThat(h.columns().subList(0, 2)).allMatch(c -> c.nullable() && !c.autoIncrement());
        assertThat(h.primaryKey()).containsExactly("history_id");
        assertThat(h.foreignKeys()).isEmpty();
        assertThat(h.uniques()).isEmpty();
        assertThat(h.indexes()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("shop_order_hist_asof");
            assertThat(i.columns()).containsExactly("id", "valid_from", "valid_to");
        });
        assertThat(src.appOf("shop_order_history")).isEqualTo("shop");
        assertThat(HistoryTable.sourceOf(src.schema(), h)).map(Table::name).contains("shop_order");
        assertThat(HistoryTable.sourceOf(src.schema(), src.schema().require("shop_order"))).isEmpty();
    }

    @Test
    void aForeignKeyFieldIsCopiedAsAPlainColumn() {
        ModelMeta customer = ModelMeta.of("io.example.shop.Customer", "customer",
                List.of(field("id", FieldType.BIG_AUTO).asPrimaryKey()));
        ModelMeta order = order(new HistoryMeta("shop_order_history", List.of()), field("customer_id", FieldType.LONG)
                .withForeignKey(new io.covet.orm.spi.ForeignKeyMeta("io.example.shop.Customer",
                        io.covet.orm.OnDelete.CASCADE, false), false));
        OrmSchemaSource src = OrmSchemaSource.of(List.of(customer, order), m -> "shop");
        assertThat(src.schema().require("shop_order").foreignKeys()).hasSize(1);
        Table h = src.schema().require("shop_order_history");
        assertThat(h.foreignKeys()).isEmpty();
        assertThat(h.requireColumn("customer_id").nullable()).isTrue();
    }

    @Test
    void aTrackedColumnNamedLikeBookkeepingOrATakenHistoryNameIsRefused() {
        assertThatThrownBy(() -> OrmSchemaSource.of(List.of(order(new HistoryMeta("shop_order_history", List.of()),
                field("valid_from", FieldType.INTEGER))), m -> "shop"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("@History on Order: table shop_order has a column valid_from, which its history table uses "
                        + "for bookkeeping; rename the column or exclude it from the history");
        ModelMeta other = ModelMeta.of("io.example.shop.Log", "log", List.of(field("id", FieldType.AUTO)
                .asPrimaryKey()));
        assertThatThrownBy(() -> OrmSchemaSource.of(List.of(other, order(new HistoryMeta("log", List.of()))),
                m -> "shop")).isInstanceOf(MigrationException.class)
                .hasMessage("the history table log of Order is the name of another table; give @History(table = ...) "
                        + "a free name");
    }
}
