package io.covet.core.tx;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Small shared helpers of the transaction tests: a table of items, and a real conflict the engine retries. */
final class Fixtures {
    private Fixtures() {
    }

    static void itemTable(Database db) {
        db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)").execute();
    }

    static void insert(Database db, int id) {
        db.sql("INSERT INTO item (id, name) VALUES (?, ?)", id, "item" + id).execute();
    }

    static List<Integer> ids(Database db) {
        return db.sql("SELECT id FROM item ORDER BY id").list(rs -> rs.getInt(1));
    }

    /** A counter row that {@link #conflict} fights over. */
    static void counterTable(Database db) {
        db.sql("CREATE TABLE counter (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)").execute();
        db.sql("INSERT INTO counter (id, v) VALUES (1, 0), (2, 0)").execute();
    }

    static int counter(Database db) {
        return db.sql("SELECT v FROM counter WHERE id = 1").list(rs -> rs.getInt(1)).get(0);
    }

    /** Options under which {@link #conflict} provokes its engine's retryable failure. */
    static TxOptions.Builder conflictOptions(Engine engine) {
        TxOptions.Builder b = TxOptions.builder().name("conflicted");
        return switch (engine) {
            case POSTGRESQL -> b.isolation(Isolation.REPEATABLE_READ);
            case SQLITE -> b.sqliteImmediate(false);
            default -> b;
        };
    }

    /**
     * Increments the counter inside the current transaction while another connection interferes, so that the
     * engine itself fails the increment with the error it asks to retry: PostgreSQL 40001 (a concurrent update
     * under REPEATABLE READ), SQLite SQLITE_BUSY_SNAPSHOT (a deferred reader whose snapshot went stale because
     * another connection committed a change to row 2), MariaDB
     * 1205 (a lock held by another transaction past a 1 s lock wait).
     */
    static void conflict(Scratch s, Database db) throws SQLException {
        switch (s.engine()) {
            case MARIADB -> {
                try (Connection other = s.rawConnection()) {
                    other.setAutoCommit(false);
                    update(other, "UPDATE counter SET v = v WHERE id = 1");
                    try {
                        db.sql("SET STATEMENT innodb_lock_wait_timeout = 1 FOR UPDATE counter SET v = v + 1 WHERE id = 1")
                                .execute();
                    } finally {
                        other.rollback();
                    }
                }
            }
            default -> {
                db.sql("SELECT v FROM counter WHERE id = 1").list();
                try (Connection other = s.rawConnection()) {
                    // SQLite: any committed change makes the snapshot stale (a no-op UPDATE changes nothing).
                    update(other, s.engine() == Engine.SQLITE ? "UPDATE counter SET v = v + 1 WHERE id = 2"
                            : "UPDATE counter SET v = v WHERE id = 1");
                }
                db.sql("UPDATE counter SET v = v + 1 WHERE id = 1").execute();
            }
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    static String slowQuery(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> "SELECT pg_sleep(10)";
            case MARIADB -> "SELECT SUM(a.seq * b.seq) FROM seq_1_to_100000 a, seq_1_to_100000 b";
            default -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT SUM(x) FROM c";
        };
    }
}
