package io.covet.core.pipeline;

import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.ConfigurationException;
import io.covet.core.error.CovetException;
import io.covet.core.error.SerializationFailure;
import io.covet.core.tx.Transaction;
import io.covet.core.tx.TxOptions;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineTest {

    private static void createT(Database db) {
        db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(50))").execute();
    }

    @AllEngines
    void seesEveryStatementKindWithItsContext(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        createT(db);
        Recorder.Seen ddl = rec.last("CREATE TABLE t");
        assertThat(ddl.context().kind()).isEqualTo(StatementKind.UPDATE);
        assertThat(ddl.context().operation()).isEqualTo(Operation.DDL);
        assertThat(ddl.context().database()).isEqualTo("default");
        assertThat(ddl.context().engine()).isEqualTo(s.engine());
        assertThat(ddl.context().transaction()).isEmpty();
        assertThat(ddl.outcome().succeeded()).isTrue();

        assertThat(db.sql("INSERT INTO t (id, name) VALUES (?, ?)", 1, "a").execute()).isEqualTo(1);
        Recorder.Seen insert = rec.last("INSERT INTO t (id, name) VALUES (?, ?)");
        assertThat(insert.context().operation()).isEqualTo(Operation.INSERT);
        assertThat(insert.context().parameterCount()).isEqualTo(2);
        assertThat(insert.outcome().rowCount()).isEqualTo(1);

        int[] counts = db.batch("INSERT INTO t (id, name) VALUES (?, ?)", List.of(List.of(2, "b"), List.of(3, "c"),
                List.of(4, "d")));
        assertThat(counts).hasSize(3);
        Recorder.Seen batch = rec.of(StatementKind.BATCH).get(0);
        assertThat(batch.context().batchSize()).isEqualTo(3);
        assertThat(batch.context().parameterCount()).isEqualTo(6);
        assertThat(batch.outcome().rowCount()).isEqualTo(3);

        long loaded = db.bulkLoad("t", List.of("id", "name"), List.of(new Object[]{5, "e"}, new Object[]{6, "f"}));
        assertThat(loaded).isEqualTo(2);
        Recorder.Seen bulk = rec.of(StatementKind.BULK_LOAD).get(0);
        assertThat(bulk.context().operation()).isEqualTo(Operation.INSERT);
        assertThat(bulk.context().tables()).containsExactly("t");
        assertThat(bulk.context().parameterCount()).isEqualTo(-1);
        assertThat(bulk.context().repeatable()).isFalse();
        assertThat(bulk.outcome().rowCount()).isEqualTo(2);

        List<String> names = db.sql("SELECT name FROM t WHERE id > ? ORDER BY id", 1).list(rs -> rs.getString(1));
        assertThat(names).containsExactly("b", "c", "d", "e", "f");
        Recorder.Seen query = rec.last("SELECT name FROM t WHERE id > ?");
        assertThat(query.context().kind()).isEqualTo(StatementKind.QUERY);
        assertThat(query.context().operation()).isEqualTo(Operation.SELECT);
        assertThat(query.outcome().rowCount()).isEqualTo(5);
        assertThat(query.outcome().duration().isNegative()).isFalse();

        try (Stream<String> st = db.sql("SELECT name FROM t WHERE id <= ? ORDER BY id", 3).stream(rs -> rs.getString(1))) {
            assertThat(st.toList()).containsExactly("a", "b", "c");
        }
        Recorder.Seen stream = rec.of(StatementKind.STREAM).get(0);
        assertThat(stream.context().operation()).isEqualTo(Operation.SELECT);
        assertThat(stream.outcome().rowCount()).isEqualTo(-1);

        // same shape, other values: one fingerprint; another shape: another one
        db.sql("SELECT name FROM t WHERE id > ? ORDER BY id", 4).list();
        assertThat(rec.last("SELECT name FROM t WHERE id > ?").context().fingerprint())
                .isEqualTo(query.context().fingerprint());
        assertThat(stream.context().fingerprint()).isNotEqualTo(query.context().fingerprint());

        // every connection borrowed for a statement went back, and interceptors were told
        assertThat(rec.acquired).isNotEmpty();
        assertThat(rec.acquired).allSatisfy(c -> assertThat(c.redirected()).isFalse());
        assertThat(rec.released).hasSameSizeAs(rec.acquired);
        assertThat(rec.acquired).extracting(ConnectionContext::purpose).contains(ConnectionContext.Purpose.STATEMENT,
                ConnectionContext.Purpose.STREAM);
    }

    @AllEngines
    void aFailedStatementArrivesClassifiedInTheOutcome(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        createT(db);
        db.sql("INSERT INTO t (id, name) VALUES (?, ?)", 1, "a").execute();
        assertThatThrownBy(() -> db.sql("INSERT INTO t (id, name) VALUES (?, ?)", 1, "dup").execute())
                .isInstanceOf(CovetException.class);
        Outcome o = rec.statements.get(rec.statements.size() - 1).outcome();
        assertThat(o.succeeded()).isFalse();
        assertThat(o.error()).get().isInstanceOf(io.covet.core.error.UniqueViolation.class);
    }

    @AllEngines
    void statementsInsideTransactionsCarryNameDepthAndAttempt(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        createT(db);
        AtomicInteger attempts = new AtomicInteger();
        db.atomicRun(TxOptions.builder().name("outer").build(), tx -> {
            db.sql("INSERT INTO t (id, name) VALUES (?, ?)", attempts.get() + 10, "in-tx").execute();
            db.atomicRun(TxOptions.builder().name("inner").savepoint(true).build(),
                    inner -> db.sql("SELECT COUNT(*) FROM t WHERE name = ?", "nested").list());
            if (attempts.incrementAndGet() == 1) {
                throw new SerializationFailure("simulated serialization failure", s.engine(), null, null);
            }
        });
        List<Recorder.Seen> inserts = rec.statements.stream()
                .filter(x -> x.context().sql() != null && x.context().sql().startsWith("INSERT INTO t")).toList();
        assertThat(inserts).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Transaction tx = inserts.get(i).context().transaction().orElseThrow();
            assertThat(tx.name()).isEqualTo("outer");
            assertThat(tx.depth()).isZero();
            assertThat(tx.attempt()).isEqualTo(i + 1);
            assertThat(inserts.get(i).context().redirectable()).isFalse();
        }
        Transaction nested = rec.last("WHERE name = ?").context().transaction().orElseThrow();
        assertThat(nested.name()).isEqualTo("inner");
        assertThat(nested.depth()).isEqualTo(1);
        assertThat(nested.attempt()).isEqualTo(2);
        List<String> control = rec.of(StatementKind.TRANSACTION).stream().map(x -> x.context().sql()).toList();
        assertThat(control).contains("BEGIN (transaction 'outer')", "COMMIT", "ROLLBACK");
        assertThat(control).anyMatch(c -> c.startsWith("SAVEPOINT covet_sp_"));
        assertThat(rec.acquired).extracting(ConnectionContext::purpose).contains(ConnectionContext.Purpose.TRANSACTION);
        assertThat(rec.released).hasSameSizeAs(rec.acquired);
    }

    @AllEngines
    void interceptorsNestInRegistrationOrderAndCanWrapResults(Scratch s) {
        List<String> trace = new CopyOnWriteArrayList<>();
        AtomicLong streamed = new AtomicLong();
        Interceptor outer = new Interceptor() {
            @Override
            public <T> T intercept(Chain<T> chain) {
                trace.add("outer>");
                try {
                    return chain.proceed();
                } finally {
                    trace.add("<outer " + chain.outcome().map(o -> o.duration().isNegative() ? "?" : "timed")
                            .orElse("none"));
                }
            }
        };
        Interceptor counting = new Interceptor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T intercept(Chain<T> chain) {
                trace.add("inner>");
                T result = chain.proceed();
                trace.add("<inner");
                if (chain.context().kind() == StatementKind.STREAM) {
                    return (T) ((Stream<Object>) result).peek(x -> streamed.incrementAndGet());
                }
                return result;
            }
        };
        Database db = s.open(b -> b.interceptor(outer).interceptor(counting));
        assertThat(db.interceptors()).containsExactly(outer, counting);
        createT(db);
        trace.clear();
        db.bulkLoad("t", List.of("id", "name"), List.of(new Object[]{1, "a"}, new Object[]{2, "b"},
                new Object[]{3, "c"}));
        assertThat(trace).containsExactly("outer>", "inner>", "<inner", "<outer timed");
        try (Stream<String> st = db.sql("SELECT name FROM t").stream(rs -> rs.getString(1))) {
            assertThat(st.count()).isEqualTo(3);
        }
        assertThat(streamed.get()).isEqualTo(3);
    }

    @AllEngines
    void anInterceptorCanRetryAStatement(Scratch s) {
        AtomicInteger executions = new AtomicInteger();
        Scratch[] self = {s};
        Interceptor createOnMissingTable = new Interceptor() {
            @Override
            public <T> T intercept(Chain<T> chain) {
                executions.incrementAndGet();
                try {
                    return chain.proceed();
                } catch (CovetException first) {
                    if (chain.context().kind() != StatementKind.QUERY) {
                        throw first;
                    }
                    try (Connection c = self[0].rawConnection(); var st = c.createStatement()) {
                        st.execute("CREATE TABLE late (v INTEGER)");
                        st.execute("INSERT INTO late (v) VALUES (42)");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    executions.incrementAndGet();
                    return chain.proceed();
                }
            }
        };
        Database db = s.open(b -> b.interceptor(createOnMissingTable));
        assertThat(db.sql("SELECT v FROM late").list(rs -> rs.getInt(1))).containsExactly(42);
        assertThat(executions.get()).isEqualTo(2);
    }

    @AllEngines
    void aBulkLoadCannotBeRunTwice(Scratch s) {
        Interceptor twice = new Interceptor() {
            @Override
            public <T> T intercept(Chain<T> chain) {
                T first = chain.proceed();
                return chain.context().kind() == StatementKind.BULK_LOAD ? chain.proceed() : first;
            }
        };
        Database db = s.open(b -> b.interceptor(twice));
        createT(db);
        List<Object[]> one = List.<Object[]>of(new Object[]{1, "a"});
        assertThatThrownBy(() -> db.bulkLoad("t", List.of("id", "name"), one))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("repeatable()");
    }

    /** Sends every redirectable read to {@code replica}. */
    private static final class ReplicaRouter implements Interceptor {
        final DataSource replica;
        final AtomicInteger refusedInTx = new AtomicInteger();

        ReplicaRouter(DataSource replica) {
            this.replica = replica;
        }

        @Override
        public <T> T intercept(Chain<T> chain) {
            StatementContext c = chain.context();
            if (c.operation() != Operation.SELECT) {
                return chain.proceed();
            }
            if (!c.redirectable()) {
                refusedInTx.incrementAndGet();
                return chain.proceed();
            }
            return chain.proceed(replica);
        }
    }

    @AllEngines
    void anInterceptorCanRedirectAReadToAnotherDataSource(Scratch s) throws Exception {
        try (Scratch other = Scratch.on(s.engine())) {
            Database replica = other.db();
            createT(replica);
            replica.sql("INSERT INTO t (id, name) VALUES (1, 'from the replica')").execute();
            ReplicaRouter router = new ReplicaRouter(replica.dataSource());
            Recorder rec = new Recorder();
            Database db = s.open(b -> b.interceptor(router).interceptor(rec));
            createT(db);
            db.sql("INSERT INTO t (id, name) VALUES (1, 'from the primary')").execute();

            assertThat(db.sql("SELECT name FROM t").list(rs -> rs.getString(1))).containsExactly("from the replica");
            assertThat(rec.acquired).anyMatch(ConnectionContext::redirected);
            try (Stream<String> st = db.sql("SELECT name FROM t").stream(rs -> rs.getString(1))) {
                assertThat(st.toList()).containsExactly("from the replica");
            }
            // inside a transaction the read stays on the transaction's connection and sees its own write
            List<String> inTx = db.atomic(tx -> {
                db.sql("UPDATE t SET name = 'written in tx' WHERE id = 1").execute();
                return db.sql("SELECT name FROM t").list(rs -> rs.getString(1));
            });
            assertThat(inTx).containsExactly("written in tx");
            assertThat(router.refusedInTx.get()).isEqualTo(1);
        }
    }

    @AllEngines
    void redirectingInsideATransactionIsRefused(Scratch s) throws Exception {
        try (Scratch other = Scratch.on(s.engine())) {
            DataSource elsewhere = other.db().dataSource();
            Interceptor blind = new Interceptor() {
                @Override
                public <T> T intercept(Chain<T> chain) {
                    return chain.context().operation() == Operation.SELECT ? chain.proceed(elsewhere) : chain.proceed();
                }
            };
            Database db = s.open(b -> b.interceptor(blind));
            createT(db);
            assertThatThrownBy(() -> db.atomic(tx -> db.sql("SELECT name FROM t").list()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside transaction 'atomic'")
                    .hasMessageContaining("redirectable()");
        }
    }

    @AllEngines
    void boundValuesAreOnlyReadableThroughTheRedactingAccessors(Scratch s) throws Exception {
        String secret = "hunter2-" + System.nanoTime();
        List<StatementContext> seen = new CopyOnWriteArrayList<>();
        Interceptor keep = new Interceptor() {
            @Override
            public <T> T intercept(Chain<T> chain) {
                seen.add(chain.context());
                return chain.proceed();
            }
        };
        Database db = s.open(b -> b.interceptor(keep));
        createT(db);
        db.sql("INSERT INTO t (id, name) VALUES (?, ?)", 7, secret).execute();
        StatementContext c = seen.get(seen.size() - 1);
        assertThat(c.parameterCount()).isEqualTo(2);
        assertThat(c.parameters(Redaction.masked())).containsExactly("***", "***");
        assertThat(c.parameters(Redaction.typesOnly())).containsExactly("<Integer>", "<String>");
        assertThat(c.unsafeParameterValues()).containsExactly(7, secret);
        List<String> exposed = new ArrayList<>();
        for (Method m : StatementContext.class.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && !m.getName().equals("unsafeParameterValues") && m.getDeclaringClass() == StatementContext.class) {
                exposed.add(m.getName() + "=" + m.invoke(c));
            }
        }
        exposed.add(c.toString());
        assertThat(exposed).noneMatch(text -> text.contains(secret));
    }

    @AllEngines
    void rawCallbacksAreSeenStatementByStatementAndKeepTheDriversExceptions(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        createT(db);
        String caught = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "raw");
                ps.executeUpdate();
            }
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO t (id, name) VALUES (1, 'duplicate')");
                return "nothing";
            } catch (SQLException e) {
                return e.getClass().getName();
            }
        });
        assertThat(caught).isNotEqualTo("nothing");
        assertThat(caught).doesNotStartWith("io.covet");
        List<Recorder.Seen> raw = rec.of(StatementKind.RAW);
        assertThat(raw).hasSize(2);
        assertThat(raw.get(0).context().sql()).isEqualTo("INSERT INTO t (id, name) VALUES (?, ?)");
        assertThat(raw.get(0).context().unsafeParameterValues()).containsExactly(1, "raw");
        assertThat(raw.get(0).context().redirectable()).isFalse();
        assertThat(raw.get(0).outcome().rowCount()).isEqualTo(1);
        assertThat(raw.get(1).outcome().error()).get().isInstanceOf(io.covet.core.error.UniqueViolation.class);
        assertThat(rec.acquired).extracting(ConnectionContext::purpose).contains(ConnectionContext.Purpose.RAW);
    }

    @AllEngines
    void bulkLoadOnACallbacksConnectionIsOneBulkLoadAndRefusesUnquotedTargets(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        createT(db);
        String target = db.dialect().quote("t");
        List<Object[]> rows = List.of(new Object[]{1, "a"}, new Object[]{2, "it's"});
        long n = db.atomic(tx -> db.withConnection(c -> io.covet.core.BulkLoad.onConnection(c, s.engine(), target,
                List.of("id", "name"), rows.iterator())));
        assertThat(n).isEqualTo(2);
        Recorder.Seen bulk = rec.of(StatementKind.BULK_LOAD).get(0);
        assertThat(bulk.context().tables()).containsExactly("t");
        assertThat(bulk.context().transaction()).get().extracting(Transaction::name).isEqualTo("atomic");
        assertThat(bulk.outcome().rowCount()).isEqualTo(2);
        assertThat(rec.of(StatementKind.RAW)).as("the load's own statements are not counted twice").isEmpty();
        assertThat(db.sql("SELECT name FROM t ORDER BY id").list(rs -> rs.getString(1))).containsExactly("a", "it's");

        for (String bad : List.of("t", "t; DROP TABLE t", target + "; DROP TABLE t", target + ".")) {
            assertThatThrownBy(() -> db.withConnection(c -> io.covet.core.BulkLoad.onConnection(c, s.engine(), bad,
                    List.of("id"), List.<Object[]>of(new Object[]{9}).iterator())))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a quoted table name");
        }
        assertThat(db.sql("SELECT COUNT(*) FROM t").list(rs -> rs.getLong(1))).containsExactly(2L);
    }

    @AllEngines
    void withoutInterceptorsRawCallbacksGetThePoolsConnectionItself(Scratch s) {
        Database db = s.db();
        assertThat(db.interceptors()).isEmpty();
        Boolean wrapped = db.withConnection(c -> Proxy.isProxyClass(c.getClass())
                && Proxy.getInvocationHandler(c).getClass().getName().startsWith("io.covet"));
        assertThat(wrapped).isFalse();
    }

    @AllEngines
    void interceptorsNamedInCovetPropertiesAreCreatedAndRun(Scratch s) {
        CovetConfiguration conf = CovetConfiguration.fromSettings(Map.of(
                "covet.databases.main.url", s.url(),
                "covet.databases.main.interceptors", CountingInterceptor.class.getName()), Map.of(), Optional.empty());
        try (Database db = Database.open(conf.database("main").orElseThrow())) {
            assertThat(db.interceptors()).hasSize(1).first().isInstanceOf(CountingInterceptor.class);
            db.sql("SELECT 1").list();
            assertThat(((CountingInterceptor) db.interceptors().get(0)).count.get()).isEqualTo(1);
        }
    }

    @AllEngines
    void aBadInterceptorClassIsAConfigurationError(Scratch s) {
        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of(
                "covet.databases.main.url", s.url(),
                "covet.databases.main.interceptors", "com.example.Missing, java.lang.String",
                "covet.databases.main.discover-interceptors", "maybe"), Map.of(), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("com.example.Missing is not on the class path")
                .hasMessageContaining("java.lang.String does not implement")
                .hasMessageContaining("discover-interceptors must be true or false");
    }

    @AllEngines
    void serviceLoaderProvidersJoinOnlyWhenAskedAndExplicitRegistrationWins(Scratch s) {
        Database plain = s.open(b -> b);
        assertThat(plain.interceptors()).isEmpty();

        Recorder rec = new Recorder();
        Database discovering = s.open(b -> b.interceptor(rec).discoverInterceptors(true));
        assertThat(discovering.interceptors()).hasSize(2);
        assertThat(discovering.interceptors().get(0)).isSameAs(rec);
        assertThat(discovering.interceptors().get(1)).isInstanceOf(DiscoveredInterceptor.class);
        discovering.sql("SELECT 1").list();
        assertThat(((DiscoveredInterceptor) discovering.interceptors().get(1)).count.get()).isEqualTo(1);

        DiscoveredInterceptor mine = new DiscoveredInterceptor();
        Database explicit = s.open(b -> b.interceptor(mine).discoverInterceptors(true));
        assertThat(explicit.interceptors()).containsExactly(mine);
    }

    @AllEngines
    void propertiesCanTurnOnDiscovery(Scratch s) {
        CovetConfiguration conf = CovetConfiguration.fromSettings(Map.of(
                "covet.databases.main.url", s.url(),
                "covet.databases.main.discover-interceptors", "true"), Map.of(), Optional.empty());
        DatabaseConfig config = conf.database("main").orElseThrow();
        assertThat(config.discoverInterceptors()).isTrue();
        try (Database db = Database.open(config)) {
            assertThat(db.interceptors()).singleElement().isInstanceOf(DiscoveredInterceptor.class);
        }
    }

    @org.junit.jupiter.api.Test
    void twoPhaseCommitBranchesAreSeenWithTheirStatementsAndControl(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.covet.testing.EngineSource.selected().containsAll(
                List.of(io.covet.core.engine.Engine.POSTGRESQL, io.covet.core.engine.Engine.MARIADB)),
                "two-phase commit needs both PostgreSQL and MariaDB in COVET_TEST_ENGINES");
        try (Scratch p = Scratch.on(io.covet.core.engine.Engine.POSTGRESQL);
             Scratch m = Scratch.on(io.covet.core.engine.Engine.MARIADB)) {
            Recorder pgRec = new Recorder();
            Recorder mariaRec = new Recorder();
            Database pg = p.open(b -> b.interceptor(pgRec));
            Database maria = m.open(b -> b.interceptor(mariaRec));
            createT(pg);
            createT(maria);
            try (io.covet.core.tx.twophase.TwoPhaseCommit tpc = io.covet.core.tx.twophase.TwoPhaseCommit
                    .builder("pipe" + (System.nanoTime() % 100_000), dir.resolve("2pc.log"))
                    .participant(pg).participant(maria).build()) {
                tpc.run("move", () -> {
                    pg.sql("INSERT INTO t (id, name) VALUES (?, ?)", 1, "pg").execute();
                    maria.sql("INSERT INTO t (id, name) VALUES (?, ?)", 1, "maria").execute();
                    return null;
                });
            }
            for (Recorder rec : List.of(pgRec, mariaRec)) {
                Recorder.Seen insert = rec.last("INSERT INTO t");
                assertThat(insert.context().transaction().orElseThrow().name()).isEqualTo("move");
                assertThat(rec.of(StatementKind.TRANSACTION)).extracting(x -> x.context().sql())
                        .anyMatch(c -> c.startsWith("BEGIN (branch '"))
                        .anyMatch(c -> c.startsWith("PREPARE TRANSACTION '"))
                        .anyMatch(c -> c.startsWith("COMMIT PREPARED '"));
                assertThat(rec.released).hasSameSizeAs(rec.acquired);
            }
            assertThat(maria.sql("SELECT name FROM t").list(rs -> rs.getString(1))).containsExactly("maria");
        }
    }

    @org.junit.jupiter.api.Test
    void fingerprintsIgnoreValuesButNotShape() {
        assertThat(StatementContext.fingerprint("SELECT * FROM t WHERE id = 1 AND name = 'x'"))
                .isEqualTo(StatementContext.fingerprint("select *  from t where id = 22 and name = 'it''s'"));
        assertThat(StatementContext.fingerprint("SELECT * FROM t WHERE id IN (?, ?, ?)"))
                .isEqualTo(StatementContext.fingerprint("SELECT * FROM t WHERE id IN (?)"));
        assertThat(StatementContext.fingerprint("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"))
                .isEqualTo(StatementContext.fingerprint("INSERT INTO t (a, b) VALUES (?, ?)"));
        assertThat(StatementContext.fingerprint("SELECT * FROM t WHERE id = ?"))
                .isNotEqualTo(StatementContext.fingerprint("SELECT * FROM u WHERE id = ?"))
                .hasSize(16);
        assertThat(StatementContext.fingerprint("SELECT * FROM \"T1\"")).isNotEqualTo(
                StatementContext.fingerprint("SELECT * FROM \"t1\""));
        assertThat(Operation.of("  /* hi */ (SELECT 1)", true)).isEqualTo(Operation.SELECT);
        assertThat(Operation.of("WITH x AS (SELECT 1) DELETE FROM t", false)).isEqualTo(Operation.OTHER);
        assertThat(Operation.of("alter table t add c int", false)).isEqualTo(Operation.DDL);
    }
}
