package io.covet.bench;

import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Customer_;
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

import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * {@code orm-get}: fetches one customer by primary key (a different key each time, the same sequence for every
 * contender): Covet's {@code get(pk)}, hand-written JDBC (the floor), Hibernate ORM 7 ({@code em.find} in a fresh
 * EntityManager, no second-level cache) and jOOQ 3.19 ({@code fetchOneInto} a POJO).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class OrmGetBenchmark {
    private static final String SELECT_ONE = "SELECT id, email, name, country, tier FROM customer WHERE id = ?";

    @Param({"sqlite", "postgresql"})
    public String engine;

    private OrmReadBenchmark.Env env;
    private int next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        env = OrmReadBenchmark.Env.open(engine);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        env.close();
    }

    private long nextId() {
        long id = env.ids[next];
        next = (next + 1) % env.ids.length;
        return id;
    }

    /** Covet: {@code objects(...).get(pk)}. */
    @Benchmark
    public Customer covet() {
        return env.orm.objects(Customer_.TYPE).get(nextId());
    }

    /** The floor: one prepared statement, read by index. */
    @Benchmark
    public OrmReadBenchmark.CustomerRow jdbc() throws SQLException {
        try (Connection c = env.pool.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_ONE)) {
            ps.setLong(1, nextId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OrmReadBenchmark.CustomerRow.read(rs) : null;
            }
        }
    }

    /** Hibernate ORM 7: {@code em.find} in a fresh EntityManager. */
    @Benchmark
    public OrmReadBenchmark.HCustomer hibernate() {
        EntityManager em = env.hibernate.createEntityManager();
        try {
            return em.find(OrmReadBenchmark.HCustomer.class, nextId());
        } finally {
            em.close();
        }
    }

    /** jOOQ 3.19: a select by key fetched into a POJO. */
    @Benchmark
    public OrmReadBenchmark.CustomerRow jooq() {
        return env.jooq.select(OrmReadBenchmark.Env.ID, OrmReadBenchmark.Env.EMAIL, OrmReadBenchmark.Env.NAME,
                        OrmReadBenchmark.Env.COUNTRY, OrmReadBenchmark.Env.TIER)
                .from(OrmReadBenchmark.Env.CUSTOMER).where(OrmReadBenchmark.Env.ID.eq(nextId()))
                .fetchOneInto(OrmReadBenchmark.CustomerRow.class);
    }
}
