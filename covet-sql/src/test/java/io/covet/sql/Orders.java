package io.covet.sql;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Test metamodel of {@code orders}. */
final class Orders extends Table {
    static final Orders ORDERS = new Orders(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<Long> USER_ID = column("user_id", Long.class);
    final Column<BigDecimal> TOTAL = column("total", BigDecimal.class);
    final Column<String> STATUS = column("status", String.class);
    final Column<LocalDate> CREATED = column("created", LocalDate.class);

    private Orders(String alias) {
        super(null, "orders", alias);
    }

    @Override
    public Orders as(String alias) {
        return new Orders(alias);
    }
}
