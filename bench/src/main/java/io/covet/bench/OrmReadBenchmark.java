package io.covet.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.covet.core.Database;
import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Customer_;
import io.covet.examples.shop.Shop;
import io.covet.examples.shop.Tier;
import io.covet.orm.Orm;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code orm-read}: reads 10,000 customers (id, e-mail, name, country, tier) into objects, ordered by key:
 * Covet's query set (generated mapper), hand-written JDBC (the floor), Hibernate ORM 7 (a plain JPA entity, no
 * second-level cache, a fresh EntityManager per operation) and jOOQ 3.19 ({@code fetchInto} a POJO). All four read
 * the same table through HikariCP pools of the same server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class OrmReadBenchmark {
    static final int ROWS = 10_000;
    static final String SELECT_ALL = "SELECT id, email, name, country, tier FROM customer ORDER BY id";

    @Param({"sqlite", "postgresql"})
    public String engine;

    private Env env;

    @Setup(Level.Trial)
    public void open() throws Exception {
        env = Env.open(engine);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        env.close();
    }

    /** Covet: the query set with the generated row mapper. */
    @Benchmark
    public List<Customer> covet() {
        return env.orm.objects(Customer_.TYPE).orderBy(Customer_.ID).list();
    }

    /** The floor: a prepared statement read by index into POJOs. */
    @Benchmark
    public List<CustomerRow> jdbc() throws SQLException {
        try (Connection c = env.pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_ALL);
             ResultSet rs = ps.executeQuery()) {
            List<CustomerRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(CustomerRow.read(rs));
            }
            return out;
        }
    }

    /** Hibernate ORM 7: a JPQL query in a fresh EntityManager. */
    @Benchmark
    public List<HCustomer> hibernate() {
        EntityManager em = env.hibernate.createEntityManager();
        try {
            return em.createQuery("select c from HCustomer c order by c.id", HCustomer.class).getResultList();
        } finally {
            em.close();
        }
    }

    /** jOOQ 3.19: a typed select fetched into POJOs. */
    @Benchmark
    public List<CustomerRow> jooq() {
        return env.jooq.select(Env.ID, Env.EMAIL, Env.NAME, Env.COUNTRY, Env.TIER).from(Env.CUSTOMER)
                .orderBy(Env.ID).fetchInto(CustomerRow.class);
    }

    /** The POJO of the JDBC and jOOQ baselines. */
    public static final class CustomerRow {
        public Long id;
        public String email;
        public String name;
        public String country;
        public Tier tier;

        static CustomerRow read(ResultSet rs) throws SQLException {
            CustomerRow r = new CustomerRow();
            r.id = rs.getLong(1);
            r.email = rs.getString(2);
            r.name = rs.getString(3);
            r.country = rs.getString(4);
            String t = rs.getString(5);
            r.tier = t == null ? null : Tier.valueOf(t);
            return r;
        }
    }

    /** The plain JPA entity of the Hibernate baseline, mapped to the same table. */
    @Entity(name = "HCustomer")
    @Table(name = "customer")
    public static class HCustomer {
        @Id
        public Long id;
        @Column(name = "email")
        public String email;
        @Column(name = "name")
        public String name;
        @Column(name = "country")
        public String country;
        @Enumerated(EnumType.STRING)
        @Column(name = "tier")
        public Tier tier;
    }

    /** One engine's data set and the four clients, shared by orm-read and orm-get. */
    static final class Env implements AutoCloseable {
        static final org.jooq.Table<?> CUSTOMER = DSL.table(DSL.name("customer"));
        static final org.jooq.Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
        static final org.jooq.Field<String> EMAIL = DSL.field(DSL.name("email"), String.class);
        static final org.jooq.Field<String> NAME = DSL.field(DSL.name("name"), String.class);
        static final org.jooq.Field<String> COUNTRY = DSL.field(DSL.name("country"), String.class);
        static final org.jooq.Field<String> TIER = DSL.field(DSL.name("tier"), String.class);
        private static final List<String> TABLES = List.of("download", "shipment", "fulfilment", "payment",
                "order_line", "orders", "product_tags", "product", "tag", "address", "customer");

        final Database db;
        final Orm orm;
        final HikariDataSource pool;
        final SessionFactory hibernate;
        final DSLContext jooq;
        final long[] ids;
        private final Path file;

        private Env(Database db, SQLDialect dialect, String hibernateDialect, Path file) {
            this.db = db;
            // every contender uses Covet's own pool, so that pool and driver settings are identical
            this.pool = (HikariDataSource) db.dataSource();
            this.file = file;
            this.orm = Shop.orm(db);
            for (String t : TABLES) {
                db.sql("DROP TABLE IF EXISTS " + db.dialect().quote(t)
                        + (db.engine() == io.covet.core.engine.Engine.POSTGRESQL ? " CASCADE" : "")).execute();
            }
            orm.createTables();
            List<Customer> customers = new ArrayList<>(ROWS);
            Tier[] tiers = Tier.values();
            for (int i = 0; i < ROWS; i++) {
                customers.add(new Customer("customer" + i + "@example.com", "Customer " + i,
                        i % 3 == 0 ? "NO" : "SE").tier(tiers[i % tiers.length]));
            }
            orm.objects(Customer_.TYPE).bulkCreate(customers);
            this.ids = customers.stream().mapToLong(Customer::id).toArray();
            Configuration cfg = new Configuration().addAnnotatedClass(HCustomer.class);
            cfg.getProperties().put("hibernate.connection.datasource", pool);
            cfg.setProperty("hibernate.dialect", hibernateDialect);
            cfg.setProperty("hibernate.cache.use_second_level_cache", "false");
            cfg.setProperty("hibernate.hbm2ddl.auto", "none");
            cfg.setProperty("hibernate.show_sql", "false");
            this.hibernate = cfg.buildSessionFactory();
            this.jooq = DSL.using(pool, dialect);
        }

        static Env open(String engine) throws IOException {
            switch (engine) {
                case "sqlite" -> {
                    Path f = Files.createTempFile("covet-orm-bench", ".db");
                    return new Env(Database.open("sqlite:" + f), SQLDialect.SQLITE,
                            "org.hibernate.community.dialect.SQLiteDialect", f);
                }
                case "postgresql" -> {
                    return new Env(Database.open(BenchUrls.postgres().covetUrl()), SQLDialect.POSTGRES,
                            "org.hibernate.dialect.PostgreSQLDialect", null);
                }
                default -> throw new IllegalArgumentException("engine " + engine);
            }
        }

        @Override
        public void close() throws IOException {
            hibernate.close();
            orm.close();
            db.close();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
