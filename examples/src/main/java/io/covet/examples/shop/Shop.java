package io.covet.examples.shop;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.orm.spi.ModelType;

import java.util.List;

/** The shop's model registry. */
public final class Shop {
    private Shop() {
    }

    /** Every shop model. */
    public static List<ModelType<?>> models() {
        return List.of(Customer_.TYPE, Address_.TYPE, Tag_.TYPE, Product_.TYPE, Order_.TYPE, OrderLine_.TYPE,
                Payment_.TYPE, Fulfilment_.TYPE, Shipment_.TYPE, Download_.TYPE);
    }

    /** An Orm of the shop on one database (validated against its engine). */
    public static Orm orm(Database db) {
        return Orm.builder().database(db).models(models().toArray(ModelType[]::new)).build();
    }
}
