package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.covet.core.tx.Fixtures.ids;
import static io.covet.core.tx.Fixtures.insert;
import static io.covet.core.tx.Fixtures.itemTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@link ExternalTransactions} SPI without any framework: a hand-made transaction manager that runs
 * transactions on the database's raw data source, as Spring's would.
 */
class ExternalTransactionsTest {

    @AllEngines
    void statementsAndBlocksJoinTheExternalTransactionAndItsRollbackUndoesThemAndDropsOnCommit(Scratch s) throws Exception {
        Framework fw = new Framework(false);
        Database db = s.open(b -> b.externalTransactions(fw));
        assertThat(db.config().toBuilder().build().externalTransactions()).as("kept by toBuilder").containsSame(fw);
        fw.dataSource = db.dataSource();
        itemTable(db);
        List<String> events = new CopyOnWriteArrayList<>();
        Framework.Tx tx = fw.start();
        tx.insertRaw(10);
        insert(db, 1);
        db.atomicRun(block -> {
            assertThat(block.depth()).as("a block inside the external transaction is nested in it").isEqualTo(1);
            assertThat(ids(db)).as("same connection: the framework's uncommitted row is visible").containsExactly(1, 10);
            insert(db, 2);
            block.onCommit(() -> events.add("covet-commit"));
            block.onRollback(() -> events.add("covet-rollback"));
            Throwable inner = catchThrowable(() -> db.atomicRun(nested -> {
                insert(db, 3);
                throw new IllegalStateException("undo nested");
            }));
            assertThat(inner).hasMessage("undo nested");
            assertThat(ids(db)).as("the nested block ran under a savepoint").containsExactly(1, 2, 10);
        });
        assertThat(events).as("nothing runs before the framework ends its transaction").isEmpty();
        assertThat(tx.rollbackOnly).isFalse();
        tx.rollback();
        assertThat(events).containsExactly("covet-rollback");
        assertThat(ids(db)).isEmpty();
    }

    @AllEngines
    void onCommitRunsAfterTheExternalCommit(Scratch s) throws Exception {
        Framework fw = new Framework(false);
        Database db = s.open(b -> b.externalTransactions(fw));
        fw.dataSource = db.dataSource();
        itemTable(db);
        List<String> events = new CopyOnWriteArrayList<>();
        Framework.Tx tx = fw.start();
        db.atomicRun(block -> {
            insert(db, 1);
            block.onCommit(() -> events.add("covet-commit"));
        });
        db.onCommit(() -> events.add("db-on-commit"));
        assertThat(events).isEmpty();
        tx.commit();
        assertThat(events).containsExactly("covet-commit", "db-on-commit");
        assertThat(ids(db)).containsExactly(1);
    }

    @AllEngines
    void aFailedBlockWithoutSavepointMakesTheExternalTransactionRollBack(Scratch s) throws Exception {
        Framework fw = new Framework(false);
        Database db = s.open(b -> b.externalTransactions(fw));
        fw.dataSource = db.dataSource();
        itemTable(db);
        Framework.Tx tx = fw.start();
        Throwable e = catchThrowable(() -> db.atomicRun(TxOptions.builder().savepoint(false).build(), block -> {
            insert(db, 1);
            throw new IllegalStateException("boom");
        }));
        assertThat(e).hasMessage("boom");
        assertThat(tx.rollbackOnly).isTrue();
        Throwable durable = catchThrowable(() -> db.atomicRun(TxOptions.builder().name("ledger").durable(true).build(),
                block -> insert(db, 2)));
        assertThat(durable).isInstanceOf(TransactionException.class)
                .hasMessageContaining("block 'ledger' must be the outermost transaction (durable)")
                .hasMessageContaining("external transaction 'hand-made'");
        tx.rollback();
        assertThat(ids(db)).isEmpty();
    }

    @AllEngines
    void requiresNewRunsItsOwnTransactionBesideTheExternalOne(Scratch s) throws Exception {
        Framework fw = new Framework(false);
        Database db = s.open(b -> b.externalTransactions(fw));
        fw.dataSource = db.dataSource();
        itemTable(db);
        Framework.Tx tx = fw.start();
        db.atomicRun(TxOptions.builder().propagation(Propagation.REQUIRES_NEW).build(), block -> {
            assertThat(block.depth()).as("an outermost Covet transaction of its own").isZero();
            insert(db, 5);
        });
        tx.rollback();
        assertThat(ids(db)).as("committed on its own, untouched by the external rollback").containsExactly(5);
    }

    @AllEngines
    void anOutermostBlockBeginsTheTransactionThroughTheFrameworkSoFrameworkCodeJoinsIt(Scratch s) throws Exception {
        Framework fw = new Framework(true);
        Database db = s.open(b -> b.externalTransactions(fw));
        fw.dataSource = db.dataSource();
        itemTable(db);
        List<String> events = new CopyOnWriteArrayList<>();
        db.atomicRun(block -> {
            insert(db, 1);
            Framework.Tx tx = fw.bound.get();
            assertThat(tx).as("the framework's transaction was begun for the block").isNotNull();
            tx.insertRaw(2); // framework code in the block runs in the same transaction
            tx.afterCommit(() -> events.add("framework-commit"));
            block.onCommit(() -> events.add("covet-commit"));
        });
        assertThat(events).containsExactly("framework-commit", "covet-commit");
        assertThat(fw.bound.get()).isNull();
        assertThat(ids(db)).containsExactly(1, 2);

        Throwable e = catchThrowable(() -> db.atomicRun(block -> {
            insert(db, 3);
            fw.bound.get().afterRollback(() -> events.add("framework-rollback"));
            throw new IllegalStateException("abort");
        }));
        assertThat(e).hasMessage("abort");
        assertThat(events).endsWith("framework-rollback");
        assertThat(ids(db)).containsExactly(1, 2);
    }

    /** A minimal framework: one transaction per thread on a raw connection, with end-of-transaction callbacks. */
    static final class Framework implements ExternalTransactions {
        final ThreadLocal<Tx> bound = new ThreadLocal<>();
        final boolean beginsForCovet;
        volatile DataSource dataSource;

        Framework(boolean beginsForCovet) {
            this.beginsForCovet = beginsForCovet;
        }

        Tx start() throws SQLException {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            Tx tx = new Tx(c);
            bound.set(tx);
            return tx;
        }

        @Override
        public ExternalTransaction current() {
            return bound.get();
        }

        @Override
        public ExternalTransaction begin(TxOptions options) {
            if (!beginsForCovet) {
                return null;
            }
            try {
                return start();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        final class Tx implements ExternalTransaction {
            final Connection c;
            final List<Runnable> commits = new ArrayList<>();
            final List<Runnable> rollbacks = new ArrayList<>();
            boolean rollbackOnly;

            Tx(Connection c) {
                this.c = c;
            }

            void insertRaw(int id) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (id, name) VALUES (?, ?)")) {
                    ps.setInt(1, id);
                    ps.setString(2, "raw" + id);
                    ps.executeUpdate();
                }
            }

            @Override
            public String name() {
                return "hand-made";
            }

            @Override
            public Connection connection() {
                return c;
            }

            @Override
            public void afterCommit(Runnable action) {
                commits.add(action);
            }

            @Override
            public void afterRollback(Runnable action) {
                rollbacks.add(action);
            }

            @Override
            public void setRollbackOnly() {
                rollbackOnly = true;
            }

            @Override
            public void commit() {
                if (rollbackOnly) {
                    rollback();
                    throw new IllegalStateException("rolled back: marked rollback-only");
                }
                end(true);
                commits.forEach(Runnable::run);
            }

            @Override
            public void rollback() {
                end(false);
                rollbacks.forEach(Runnable::run);
            }

            private void end(boolean commit) {
                bound.remove();
                try (c) {
                    if (commit) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
