package io.covet.sql;

import java.math.BigDecimal;

/** Test metamodel of {@code products}. */
final class Products extends Table {
    static final Products PRODUCTS = new Products(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<String> NAME = column("name", String.class);
    final Column<BigDecimal> PRICE = column("price", BigDecimal.class);

    private Products(String alias) {
        super(null, "products", alias);
    }

    @Override
    public Products as(String alias) {
        return new Products(alias);
    }
}
