package io.covet.orm.inherit;

import io.covet.core.Database;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.core.tx.Isolation;
import io.covet.core.tx.TxOptions;
import io.covet.orm.Orm;
import io.covet.orm.Ref;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code listPolymorphic()} on a multi-table parent without any filter reads the parent's rows and each
 * descendant's own table (one SELECT each, no join) in one snapshot, and returns what the one joined statement
 * returns; every other query, and any query inside a READ COMMITTED transaction, sends the one statement.
 */
class PolymorphicSnapshotTest {

    /** The instance's model and every field, inherited and own. */
    static String describe(Place p) {
        String d = p.getClass().getSimpleName() + ":" + p.id + ":" + p.name + ":" + p.city + ":"
                + (p.owner == null ? null : p.owner.id());
        if (p instanceof Restaurant r) {
            d += ":" + r.servesPizza + ":" + r.seats + ":" + r.chef;
        }
        if (p instanceof Pizzeria z) {
            d += ":" + z.ovens + ":" + z.flour;
        }
        if (p instanceof Bar b) {
            d += ":" + b.license;
        }
        return d;
    }

    private static List<String> described(List<? extends Place> places) {
        return places.stream().map(PolymorphicSnapshotTest::describe).toList();
    }

    private static List<StatementContext> selects(List<StatementContext> sent) {
        assertThat(sent).allMatch(c -> c.operation() == Operation.SELECT);
        return sent;
    }

    /** A place of every model: a grandchild with an owner, a child, a second child, a parent without child. */
    private static void fill(Orm orm) {
        Keeper kim = orm.save(new Keeper("Kim"));
        Pizzeria bonci = new Pizzeria("Bonci", "Rome", 20, 1);
        bonci.owner = Ref.to(kim);
        bonci.chef = "Gabriele";
        bonci.flour = "tipo 1";
        orm.save(bonci);
        orm.save(new Restaurant("Alma", "Rome", true, 40));
        orm.save(new Bar("Dive", "Paris", "B-1"));
        orm.save(new Place("Lot", "Oslo"));
        orm.save(new Pizzeria("Gino", "Naples", 30, 2));
    }

    @AllEngines
    void anUnfilteredQueryReadsEachTableOnceAndReturnsWhatTheJoinedStatementReturns(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = MultiLevelTest.orm(s.open(b -> b.interceptor(rec)));
        fill(orm);
        rec.take();

        List<Place> split = orm.objects(Place_.TYPE).listPolymorphic();
        List<StatementContext> sent = selects(rec.take());
        // the parent's statement and one per descendant's own table (Restaurant, Bar, Pizzeria), none joined
        assertThat(sent).hasSize(4);
        assertThat(sent).extracting(StatementContext::tables).containsExactlyInAnyOrder(List.of("inh_place"),
                List.of("inh_restaurant"), List.of("inh_bar"), List.of("inh_pizzeria"));
        assertThat(sent).noneMatch(c -> c.sql().toUpperCase(java.util.Locale.ROOT).contains("JOIN"));

        // a filter that keeps every row takes the one joined statement: the same instances
        List<Place> joined = orm.objects(Place_.TYPE).filter(Place_.ID.isNotNull()).listPolymorphic();
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables())
                .contains("inh_place", "inh_restaurant", "inh_bar", "inh_pizzeria"));
        assertThat(described(split)).isEqualTo(described(joined));
        assertThat(split).extracting(p -> p.getClass().getSimpleName() + ":" + p.name).containsExactly(
                "Restaurant:Alma", "Pizzeria:Bonci", "Bar:Dive", "Pizzeria:Gino", "Place:Lot");   // Place's ordering
        Pizzeria bonci = (Pizzeria) split.get(1);
        assertThat(bonci.owner.id()).isNotNull();
        assertThat(bonci.chef).isEqualTo("Gabriele");
        assertThat(bonci.flour).isEqualTo("tipo 1");
        assertThat(bonci.ovens).isEqualTo(1);

        // attached as the deepest model with a snapshot of every level: a save writes only the changed level
        bonci.ovens = 3;
        orm.save(bonci);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_pizzeria"));
        bonci.seats = 25;
        orm.save(bonci);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_restaurant"));
        bonci.city = "Milan";
        orm.save(bonci);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("inh_place"));
        orm.save(bonci);
        assertThat(rec.take()).isEmpty();
        assertThat(describe(orm.objects(Pizzeria_.TYPE).get(bonci.id))).isEqualTo(describe(bonci));
        rec.take();

        // an ordering is kept by the parent's statement
        assertThat(orm.objects(Place_.TYPE).orderBy(Place_.NAME.desc()).listPolymorphic())
                .extracting(p -> p.name).containsExactly("Lot", "Gino", "Dive", "Bonci", "Alma");
        assertThat(selects(rec.take())).hasSize(4);
        // the middle level: its rows (joined to Place's, as every Restaurant query) and the Pizzeria table
        List<Restaurant> restaurants = orm.objects(Restaurant_.TYPE).listPolymorphic();
        assertThat(selects(rec.take())).hasSize(2);
        assertThat(described(restaurants)).isEqualTo(described(
                orm.objects(Restaurant_.TYPE).filter(Restaurant_.ID.isNotNull()).listPolymorphic()));
        assertThat(rec.take()).hasSize(1);
        assertThat(restaurants).extracting(p -> p.getClass().getSimpleName() + ":" + p.name)
                .containsExactly("Restaurant:Alma", "Pizzeria:Gino", "Pizzeria:Bonci");   // Restaurant's -seats
        // prefetchRelated runs on the instances afterwards
        List<Place> owned = orm.objects(Place_.TYPE).prefetchRelated(Place_.OWNER).listPolymorphic();
        assertThat(rec.take()).hasSize(5);
        assertThat(((Pizzeria) owned.get(1)).owner.get().name).isEqualTo("Kim");
    }

    @AllEngines
    void filteredSlicedAndExtendedQueriesSendOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = MultiLevelTest.orm(s.open(b -> b.interceptor(rec)));
        fill(orm);
        rec.take();

        assertThat(orm.objects(Place_.TYPE).filter(Place_.CITY.eq("Rome")).orderBy(Place_.NAME.desc())
                .listPolymorphic()).extracting(p -> p.getClass().getSimpleName() + ":" + p.name)
                .containsExactly("Pizzeria:Bonci", "Restaurant:Alma");
        assertThat(rec.take()).hasSize(1);
        assertThat(orm.objects(Place_.TYPE).limit(2).listPolymorphic()).hasSize(2);
        assertThat(rec.take()).hasSize(1);
        assertThat(orm.objects(Place_.TYPE).offset(1).listPolymorphic()).hasSize(4);
        assertThat(rec.take()).hasSize(1);
        assertThat(orm.objects(Place_.TYPE).selectRelated(Place_.OWNER).listPolymorphic()).hasSize(5);
        assertThat(rec.take()).hasSize(1);
        assertThat(orm.objects(Place_.TYPE).annotate("shout", io.covet.sql.Functions.upper(Place_.NAME))
                .listPolymorphic()).hasSize(5);
        assertThat(rec.take()).hasSize(1);
        assertThat(orm.objects(Place_.TYPE).only(Place_.NAME).listPolymorphic()).hasSize(5);
        assertThat(rec.take()).hasSize(1);
        assertThat(orm.objects(Place_.TYPE).distinct().listPolymorphic()).hasSize(5);
        assertThat(rec.take()).hasSize(1);
    }

    @AllEngines
    void emptyTablesAndParentsWithoutChildren(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = MultiLevelTest.orm(s.open(b -> b.interceptor(rec)));
        rec.take();
        assertThat(orm.objects(Place_.TYPE).listPolymorphic()).isEmpty();
        assertThat(selects(rec.take())).hasSize(4);

        orm.save(new Place("Lot", "Oslo"));
        orm.save(new Place("Field", "Bergen"));
        rec.take();
        assertThat(orm.objects(Place_.TYPE).listPolymorphic()).extracting(p -> p.getClass().getSimpleName() + ":"
                + p.name).containsExactly("Place:Field", "Place:Lot");
        assertThat(selects(rec.take())).hasSize(4);
        // children only, no parent-only row; a model without descendants is read as list() does
        orm.objects(Place_.TYPE).delete();
        orm.save(new Pizzeria("Gino", "Naples", 30, 2));
        rec.take();
        assertThat(orm.objects(Place_.TYPE).listPolymorphic()).extracting(PolymorphicSnapshotTest::describe)
                .singleElement().asString().startsWith("Pizzeria:").endsWith(":true:30:null:2:null");
        rec.take();
        assertThat(orm.objects(Pizzeria_.TYPE).listPolymorphic()).hasSize(1);
        assertThat(rec.take()).hasSize(1);
    }

    @AllEngines
    void insideAReadCommittedTransactionTheUnfilteredQuerySendsOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        Orm orm = MultiLevelTest.orm(db);
        fill(orm);
        rec.take();
        TxOptions readCommitted = TxOptions.builder().isolation(Isolation.READ_COMMITTED).build();
        Isolation ran = db.atomic(readCommitted, tx -> {
            assertThat(orm.objects(Place_.TYPE).listPolymorphic()).hasSize(5);
            // SQLite has one level, serializable, which keeps one snapshot: the split shape there
            assertThat(rec.take()).hasSize(tx.isolation() == Isolation.READ_COMMITTED ? 1 : 4);
            return tx.isolation();
        });
        assertThat(ran).isEqualTo(s.engine() == io.covet.core.engine.Engine.SQLITE ? Isolation.SERIALIZABLE
                : Isolation.READ_COMMITTED);
        // a transaction at the engine's default: PostgreSQL's is READ COMMITTED, MariaDB's REPEATABLE READ
        db.atomicRun(tx -> {
            orm.objects(Place_.TYPE).listPolymorphic();
            assertThat(rec.take()).hasSize(tx.isolation() == Isolation.READ_COMMITTED ? 1 : 4);
        });
    }

    @AllEngines
    void insideARepeatableReadTransactionItRunsInTheCallersTransactionAndLeavesItOpen(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        Orm orm = MultiLevelTest.orm(db);
        fill(orm);
        rec.take();
        TxOptions repeatable = TxOptions.builder().isolation(Isolation.REPEATABLE_READ).build();
        assertThatThrownBy(() -> db.atomicRun(repeatable, tx -> {
            orm.save(new Bar("Shed", "Oslo", "B-2"));          // written in the caller's transaction, not committed
            rec.statements.clear();
            List<Place> places = orm.objects(Place_.TYPE).listPolymorphic();
            assertThat(rec.of(StatementKind.TRANSACTION)).isEmpty();   // no BEGIN, COMMIT or savepoint of its own
            assertThat(rec.take()).hasSize(4);
            // its reads ran on the caller's connection: the uncommitted Bar is there, as a Bar
            assertThat(places).extracting(p -> p.getClass().getSimpleName() + ":" + p.name).contains("Bar:Shed");
            // the transaction is still open and usable
            orm.save(new Place("Yard", "Oslo"));
            assertThat(orm.objects(Place_.TYPE).count()).isEqualTo(7);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        // rolled back by the caller: nothing of the block was committed by listPolymorphic
        assertThat(orm.objects(Place_.TYPE).valuesFlat(Place_.NAME)).doesNotContain("Shed", "Yard").hasSize(5);
    }

    @AllEngines
    void aWriterCommittingBetweenTheStatementsIsNotSeenHalf(Scratch s) {
        AtomicReference<Runnable> afterFirstSelect = new AtomicReference<>();
        Interceptor hook = new Interceptor() {
            @Override
            public <T> T intercept(Chain<T> chain) {
                T out = chain.proceed();
                if (chain.context().kind() != StatementKind.TRANSACTION
                        && chain.context().operation() == Operation.SELECT) {
                    Runnable r = afterFirstSelect.getAndSet(null);
                    if (r != null) {
                        r.run();
                    }
                }
                return out;
            }
        };
        Orm orm = MultiLevelTest.orm(s.open(b -> b.interceptor(hook)));
        fill(orm);
        // the writer: another pool, its own transactions, committed before the reader's next statement
        Orm writer = Orm.builder().database(s.db()).models(Keeper_.TYPE, Place_.TYPE, Restaurant_.TYPE, Bar_.TYPE,
                Pizzeria_.TYPE, Review_.TYPE, Booking_.TYPE).build();
        List<String> before = described(orm.objects(Place_.TYPE).listPolymorphic());

        AtomicReference<Throwable> failed = new AtomicReference<>();
        afterFirstSelect.set(() -> {
            // on another thread, as a concurrent client would; the reader waits until it has committed
            Thread t = new Thread(() -> {
                try {
                    writer.save(new Pizzeria("Zia", "Rome", 12, 1));
                    writer.save(new Restaurant("Osteria", "Rome", false, 8));
                    writer.save(new Bar("Pub", "Rome", "B-9"));
                    writer.save(new Place("Square", "Rome"));
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            t.start();
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Place> during = orm.objects(Place_.TYPE).listPolymorphic();
        assertThat(afterFirstSelect.get()).as("the writer ran").isNull();
        assertThat(failed.get()).as("the writer committed").isNull();
        assertThat(writer.objects(Place_.TYPE).count()).isEqualTo(9);
        // the snapshot of the first statement: none of the new rows, the old ones as they were
        assertThat(described(during)).isEqualTo(before);

        List<Place> after = orm.objects(Place_.TYPE).listPolymorphic();
        assertThat(after).extracting(p -> p.getClass().getSimpleName() + ":" + p.name).contains("Pizzeria:Zia",
                "Restaurant:Osteria", "Bar:Pub", "Place:Square").hasSize(9);
    }

    @AllEngines
    void insideAnExternalTransactionItAsksItsIsolation(Scratch s) throws Exception {
        Recorder rec = new Recorder();
        ThreadLocal<io.covet.core.tx.ExternalTransaction> active = new ThreadLocal<>();
        Database db = s.open(b -> b.interceptor(rec).externalTransactions(active::get));
        Orm orm = MultiLevelTest.orm(db);
        fill(orm);
        for (int level : new int[]{java.sql.Connection.TRANSACTION_READ_COMMITTED,
                java.sql.Connection.TRANSACTION_REPEATABLE_READ}) {
            try (java.sql.Connection c = s.rawConnection()) {
                if (s.engine() != io.covet.core.engine.Engine.SQLITE) {   // the SQLite driver has one level
                    c.setTransactionIsolation(level);
                }
                c.setAutoCommit(false);
                active.set(new io.covet.core.tx.ExternalTransaction() {
                    public String name() {
                        return "framework";
                    }

                    public java.sql.Connection connection() {
                        return c;
                    }

                    public void afterCommit(Runnable action) {
                    }

                    public void afterRollback(Runnable action) {
                    }

                    public void setRollbackOnly() {
                        throw new AssertionError("listPolymorphic made the external transaction rollback-only");
                    }
                });
                rec.statements.clear();
                assertThat(orm.objects(Place_.TYPE).listPolymorphic()).hasSize(5);
                Isolation seen = db.atomic(TxOptions.builder().savepoint(false).build(),
                        io.covet.core.tx.Transaction::isolation);
                // its reads ran on the framework's connection, which it neither committed nor ended
                assertThat(rec.of(StatementKind.TRANSACTION)).isEmpty();
                assertThat(rec.take()).hasSize(seen == Isolation.READ_COMMITTED ? 1 : 4);
                assertThat(c.getAutoCommit()).isFalse();
                c.rollback();
            } finally {
                active.remove();
            }
        }
    }
}
