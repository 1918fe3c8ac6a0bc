package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.engine.Engine;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Duration;

import static io.covet.core.tx.Fixtures.ids;
import static io.covet.core.tx.Fixtures.insert;
import static io.covet.core.tx.Fixtures.itemTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SettingsTest {

    /** What the connection's current transaction runs at, as the engine itself reports it. */
    private static String observed(Database db, Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> {
                Row r = db.sql("SELECT current_setting('transaction_isolation') AS i, "
                        + "current_setting('transaction_read_only') AS r").list().get(0);
                yield r.getString("i") + "/" + r.getString("r");
            }
            case MARIADB -> {
                db.sql("SELECT COUNT(*) FROM item").list(); // starts the InnoDB transaction
                try {
                    Thread.sleep(150); // INNODB_TRX is a cache refreshed at most every 100 ms
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                Row r = db.sql("SELECT trx_isolation_level AS i, trx_is_read_only AS r FROM information_schema.innodb_trx "
                        + "WHERE trx_mysql_thread_id = CONNECTION_ID()").list().get(0);
                yield r.getString("i") + "/" + r.getString("r");
            }
            default -> "query_only=" + db.sql("PRAGMA query_only").list(rs -> rs.getInt(1)).get(0);
        };
    }

    @AllEngines
    void isolationAndReadOnlyApplyInsideAndDoNotLeakToTheNextBorrower(Scratch s) {
        Database db = s.open(b -> b.maxPoolSize(1));
        itemTable(db);
        TxOptions strictReader = TxOptions.builder().name("report").isolation(Isolation.SERIALIZABLE).readOnly()
                .build();
        String inside = db.atomic(strictReader, tx -> {
            assertThat(tx.readOnly()).isTrue();
            assertThat(tx.isolation()).isEqualTo(Isolation.SERIALIZABLE);
            return observed(db, s.engine());
        });
        // A failed read-only block must reset the connection just the same.
        Throwable refused = catchThrowable(() -> db.atomicRun(strictReader, tx -> insert(db, 1)));
        assertThat(refused).isInstanceOf(ReadOnlyViolation.class);
        String next = db.atomic(tx -> observed(db, s.engine()));
        switch (s.engine()) {
            case POSTGRESQL -> {
                assertThat(inside).isEqualTo("serializable/on");
                assertThat(next).isEqualTo("read committed/off");
            }
            case MARIADB -> {
                assertThat(inside).isEqualTo("SERIALIZABLE/1");
                assertThat(next).isEqualTo("REPEATABLE READ/0");
            }
            default -> {
                assertThat(inside).isEqualTo("query_only=1");
                assertThat(next).isEqualTo("query_only=0");
                assertThat(db.sql("PRAGMA query_only").list(rs -> rs.getInt(1))).containsExactly(0);
            }
        }
        insert(db, 2); // the one pooled connection writes again outside any transaction
        db.atomicRun(tx -> insert(db, 3));
        assertThat(ids(db)).containsExactly(2, 3);
    }

    @AllEngines
    void aReadOnlyTransactionRefusesWritesAndChangesNothing(Scratch s) {
        Database db = s.db();
        itemTable(db);
        insert(db, 1);
        Throwable e = catchThrowable(() -> db.atomicRun(TxOptions.builder().readOnly().build(), tx -> {
            assertThat(ids(db)).containsExactly(1);
            db.sql("UPDATE item SET name = 'changed' WHERE id = 1").execute();
        }));
        assertThat(e).isInstanceOf(ReadOnlyViolation.class).hasMessageContainingAll(switch (s.engine()) {
            case POSTGRESQL -> new String[] {"read-only transaction", "25006"};
            case MARIADB -> new String[] {"READ ONLY transaction", "1792"};
            default -> new String[] {"readonly"};
        });
        assertThat(db.sql("SELECT name FROM item").list(rs -> rs.getString(1))).containsExactly("item1");
    }

    @AllEngines
    void eachEngineReportsTheIsolationItReallyRuns(Scratch s) {
        Database db = s.db();
        Isolation byDefault = db.atomic(Transaction::isolation);
        Isolation askedReadCommitted = db.atomic(TxOptions.builder().isolation(Isolation.READ_COMMITTED).build(),
                Transaction::isolation);
        switch (s.engine()) {
            case POSTGRESQL -> assertThat(byDefault).isEqualTo(Isolation.READ_COMMITTED);
            case MARIADB -> assertThat(byDefault).isEqualTo(Isolation.REPEATABLE_READ);
            default -> assertThat(byDefault).isEqualTo(Isolation.SERIALIZABLE);
        }
        assertThat(askedReadCommitted).isEqualTo(s.engine() == Engine.SQLITE ? Isolation.SERIALIZABLE
                : Isolation.READ_COMMITTED);
    }

    @AllEngines
    void aBlockThatEndsAfterItsTimeoutRollsBackAndLaterStatementsAreRefused(Scratch s) {
        Database db = s.db();
        itemTable(db);
        TxOptions quick = TxOptions.builder().name("quick").timeout(Duration.ofMillis(300)).build();
        Throwable refusedStatement = catchThrowable(() -> db.atomicRun(quick, tx -> {
            insert(db, 1);
            Thread.sleep(400);
            insert(db, 2);
        }));
        assertThat(refusedStatement).isInstanceOf(TransactionTimeout.class)
                .hasMessageContaining("transaction block 'quick' has used up its timeout of 300 ms");
        Throwable lateEnd = catchThrowable(() -> db.atomicRun(quick, tx -> {
            insert(db, 3);
            Thread.sleep(400);
        }));
        assertThat(lateEnd).isInstanceOf(TransactionTimeout.class)
                .hasMessageContaining("transaction block 'quick' ran past its timeout of 300 ms and was rolled back");
        assertThat(ids(db)).isEmpty();
    }

    @AllEngines
    void aStatementStillRunningAtTheDeadlineIsCancelledByTheEngine(Scratch s) {
        Database db = s.db();
        itemTable(db);
        long start = System.nanoTime();
        Throwable e = catchThrowable(() -> db.atomicRun(TxOptions.builder().name("slow")
                .timeout(Duration.ofMillis(800)).build(), tx -> {
            insert(db, 1);
            db.sql(Fixtures.slowQuery(s.engine())).list();
        }));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isInstanceOf(TransactionTimeout.class)
                .hasMessageContaining("the engine cancelled the running statement")
                .hasCauseInstanceOf(io.covet.core.error.QueryTimeout.class);
        assertThat(ms).as("cancelled near the deadline (server engines count whole seconds)").isLessThan(4000);
        assertThat(ids(db)).isEmpty();
    }
}
