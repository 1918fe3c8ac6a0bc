package io.covet.sql;

/** Test metamodel of {@code order_items}. */
final class Items extends Table {
    static final Items ITEMS = new Items(null);

    final Column<Long> ORDER_ID = column("order_id", Long.class);
    final Column<Long> PRODUCT_ID = column("product_id", Long.class);
    final Column<Integer> QTY = column("qty", Integer.class);

    private Items(String alias) {
        super(null, "order_items", alias);
    }

    @Override
    public Items as(String alias) {
        return new Items(alias);
    }
}
