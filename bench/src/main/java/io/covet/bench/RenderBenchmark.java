package io.covet.bench;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.sql.Column;
import io.covet.sql.RenderedSql;
import io.covet.sql.Sql;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code render}: builds and renders, for PostgreSQL, the same 3-join, 5-predicate SELECT with Covet's typed
 * builder and with jOOQ 3.19 (default settings, {@code ?} placeholders, tables and fields by name since there is
 * no code generation). Every invocation binds fresh values from a counter, so neither side can reuse a previous
 * result; both return the SQL and consume the bind values.
 *
 * <pre>
 * SELECT u.id, u.email, o.total, p.name FROM users u
 *   JOIN orders o ON o.user_id = u.id JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
 *  WHERE u.country = ? AND o.total &gt; ? AND o.status IN (?, ?) AND p.name LIKE ? AND o.created &gt;= ?
 *  ORDER BY o.created DESC LIMIT ?
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RenderBenchmark {
    private static final Dialect POSTGRES = Dialect.of(Engine.POSTGRESQL);
    private static final String[] COUNTRIES = {"NO", "GB", "US", "FI", "DE", "FR", "SE", "DK"};

    // Covet: the metamodel the ORM generates, written by hand here.
    static final class Users extends io.covet.sql.Table {
        final Column<Long> id = column("id", Long.class);
        final Column<String> email = column("email", String.class);
        final Column<String> country = column("country", String.class);

        Users(String alias) {
            super(null, "users", alias);
        }

        @Override
        public Users as(String alias) {
            return new Users(alias);
        }
    }

    static final class Orders extends io.covet.sql.Table {
        final Column<Long> id = column("id", Long.class);
        final Column<Long> userId = column("user_id", Long.class);
        final Column<BigDecimal> total = column("total", BigDecimal.class);
        final Column<String> status = column("status", String.class);
        final Column<LocalDate> created = column("created", LocalDate.class);

        Orders(String alias) {
            super(null, "orders", alias);
        }

        @Override
        public Orders as(String alias) {
            return new Orders(alias);
        }
    }

    static final class Items extends io.covet.sql.Table {
        final Column<Long> orderId = column("order_id", Long.class);
        final Column<Long> productId = column("product_id", Long.class);

        Items(String alias) {
            super(null, "order_items", alias);
        }

        @Override
        public Items as(String alias) {
            return new Items(alias);
        }
    }

    static final class Products extends io.covet.sql.Table {
        final Column<Long> id = column("id", Long.class);
        final Column<String> name = column("name", String.class);

        Products(String alias) {
            super(null, "products", alias);
        }

        @Override
        public Products as(String alias) {
            return new Products(alias);
        }
    }

    private static final Users U = new Users("u");
    private static final Orders O = new Orders("o");
    private static final Items I = new Items("i");
    private static final Products P = new Products("p");

    // jOOQ: the same tables and fields by name, built once like generated constants.
    private static final Table<?> J_U = DSL.table(DSL.name("users")).as("u");
    private static final Table<?> J_O = DSL.table(DSL.name("orders")).as("o");
    private static final Table<?> J_I = DSL.table(DSL.name("order_items")).as("i");
    private static final Table<?> J_P = DSL.table(DSL.name("products")).as("p");
    private static final Field<Long> J_U_ID = DSL.field(DSL.name("u", "id"), Long.class);
    private static final Field<String> J_U_EMAIL = DSL.field(DSL.name("u", "email"), String.class);
    private static final Field<String> J_U_COUNTRY = DSL.field(DSL.name("u", "country"), String.class);
    private static final Field<Long> J_O_ID = DSL.field(DSL.name("o", "id"), Long.class);
    private static final Field<Long> J_O_USER_ID = DSL.field(DSL.name("o", "user_id"), Long.class);
    private static final Field<BigDecimal> J_O_TOTAL = DSL.field(DSL.name("o", "total"), BigDecimal.class);
    private static final Field<String> J_O_STATUS = DSL.field(DSL.name("o", "status"), String.class);
    private static final Field<LocalDate> J_O_CREATED = DSL.field(DSL.name("o", "created"), LocalDate.class);
    private static final Field<Long> J_I_ORDER_ID = DSL.field(DSL.name("i", "order_id"), Long.class);
    private static final Field<Long> J_I_PRODUCT_ID = DSL.field(DSL.name("i", "product_id"), Long.class);
    private static final Field<Long> J_P_ID = DSL.field(DSL.name("p", "id"), Long.class);
    private static final Field<String> J_P_NAME = DSL.field(DSL.name("p", "name"), String.class);

    private final DSLContext jooq = DSL.using(SQLDialect.POSTGRES);
    private long counter;

    @Benchmark
    public String covet(Blackhole bh) {
        long n = counter++;
        RenderedSql r = Sql.select(U.id, U.email, O.total, P.name)
                .from(U)
                .join(O, O.userId.eq(U.id))
                .join(I, I.orderId.eq(O.id))
                .join(P, P.id.eq(I.productId))
                .where(U.country.eq(COUNTRIES[(int) (n & 7)])
                        .and(O.total.gt(BigDecimal.valueOf(n % 1000, 2)))
                        .and(O.status.in("s" + (n & 3), "t" + (n & 5)))
                        .and(P.name.like("G" + (n & 15) + "%"))
                        .and(O.created.ge(LocalDate.ofEpochDay(19_000 + n % 365))))
                .orderBy(O.created.desc())
                .limit(10 + (n & 31))
                .render(POSTGRES);
        bh.consume(r.params());
        return r.sql();
    }

    @Benchmark
    public String jooq(Blackhole bh) {
        long n = counter++;
        org.jooq.Select<?> q = jooq.select(J_U_ID, J_U_EMAIL, J_O_TOTAL, J_P_NAME)
                .from(J_U)
                .join(J_O).on(J_O_USER_ID.eq(J_U_ID))
                .join(J_I).on(J_I_ORDER_ID.eq(J_O_ID))
                .join(J_P).on(J_P_ID.eq(J_I_PRODUCT_ID))
                .where(J_U_COUNTRY.eq(COUNTRIES[(int) (n & 7)])
                        .and(J_O_TOTAL.gt(BigDecimal.valueOf(n % 1000, 2)))
                        .and(J_O_STATUS.in("s" + (n & 3), "t" + (n & 5)))
                        .and(J_P_NAME.like("G" + (n & 15) + "%"))
                        .and(J_O_CREATED.ge(LocalDate.ofEpochDay(19_000 + n % 365))))
                .orderBy(J_O_CREATED.desc())
                .limit(10 + (n & 31));
        String sql = jooq.render(q);
        List<Object> binds = jooq.extractBindValues(q);
        bh.consume(binds);
        return sql;
    }
}
