package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionTest {

    private static String autoKey(Engine e) {
        return switch (e) {
            case POSTGRESQL -> "BIGSERIAL PRIMARY KEY";
            case SQLITE -> "INTEGER PRIMARY KEY AUTOINCREMENT";
            default -> "BIGINT AUTO_INCREMENT PRIMARY KEY";
        };
    }

    @AllEngines
    void detectsTheLiveEngineAndItsFeatures(Scratch s) {
        Database db = s.db();
        assertThat(db.engine()).isEqualTo(s.engine());
        assertThat(db.server().major()).isPositive();
        assertThat(db.supports(Feature.CTE)).isTrue();
        assertThat(db.supports(Feature.WINDOW_FUNCTIONS)).isTrue();
        assertThat(db.supports(Feature.COPY)).isEqualTo(s.engine() == Engine.POSTGRESQL);
        assertThat(db.supports(Feature.TRANSACTIONAL_DDL)).isEqualTo(s.engine() != Engine.MARIADB);
        if (s.engine() == Engine.SQLITE) {
            assertThat(db.supports(Feature.JSON)).isTrue();
            assertThat(db.supports(Feature.FULLTEXT_FTS5)).isTrue();
        }
        if (s.engine() == Engine.POSTGRESQL) {
            assertThat(db.server().version()).startsWith("15.");
            assertThat(db.supports(Feature.TWO_PHASE_COMMIT)).isTrue();
        }
        if (s.engine() == Engine.MARIADB) {
            assertThat(db.server().version()).contains("MariaDB").startsWith("10.11");
            assertThat(db.supports(Feature.SKIP_LOCKED)).isTrue();
        }
    }

    @AllEngines
    void bindsParametersAndReadsRowsBack(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE item (id " + autoKey(s.engine()) + ", name VARCHAR(100) NOT NULL, price DECIMAL(10,2), "
                + "made DATE, flag BOOLEAN)").execute();
        List<Row> keys = db.sql("INSERT INTO item (name, price, made, flag) VALUES (?, ?, ?, ?)",
                "Ada's \"tea\"", new BigDecimal("12.50"), LocalDate.of(2024, 2, 29), true).executeReturningKeys("id");
        assertThat(keys).hasSize(1);
        long id = ((Number) keys.get(0).get(0)).longValue();
        db.sql("INSERT INTO item (name, price, made, flag) VALUES (?, ?, ?, ?)", "second", null, null, false).execute();

        List<Row> rows = db.sql("SELECT id, name, price FROM item WHERE id = ?", id).list();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString("name")).isEqualTo("Ada's \"tea\"");
        assertThat(rows.get(0).getBigDecimal("price")).isEqualByComparingTo("12.50");
        assertThat(db.sql("SELECT COUNT(*) AS n FROM item").optional().orElseThrow().getLong("n")).isEqualTo(2);
        assertThat(db.sql("SELECT name FROM item WHERE price IS NULL").list(rs -> rs.getString(1)))
                .containsExactly("second");
        assertThat(db.sql("UPDATE item SET name = ? WHERE id = ?", "renamed", id).execute()).isEqualTo(1);
    }

    @AllEngines
    void bindsInstantsAndUuidsSoTheyRoundTrip(Scratch s) {
        Database db = s.db();
        String ts = switch (s.engine()) {
            case POSTGRESQL -> "TIMESTAMPTZ";
            case SQLITE -> "TEXT";
            default -> "DATETIME(6)";
        };
        db.sql("CREATE TABLE ev (id VARCHAR(36) PRIMARY KEY, at " + ts + ")").execute();
        Instant at = Instant.parse("2026-03-01T12:34:56.123456Z");
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO ev (id, at) VALUES (?, ?)", id.toString(), at).execute();
        List<Instant> back = db.sql("SELECT at FROM ev WHERE id = ?", id.toString()).list(rs -> switch (s.engine()) {
            case SQLITE -> Instant.parse(rs.getString(1));
            case POSTGRESQL -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            default -> rs.getTimestamp(1, java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")))
                    .toInstant();
        });
        assertThat(back).containsExactly(at.truncatedTo(ChronoUnit.MICROS));
    }

    @AllEngines
    void instantsSortAndCompareInTimeOrderWhateverTheirFraction(Scratch s) {
        Database db = s.db();
        String ts = switch (s.engine()) {
            case POSTGRESQL -> "TIMESTAMPTZ";
            case SQLITE -> "TEXT";
            default -> "DATETIME(6)";
        };
        db.sql("CREATE TABLE ev (n INTEGER, at " + ts + ")").execute();
        List<Instant> times = List.of(Instant.parse("2026-03-01T12:00:00Z"), Instant.parse("2026-03-01T12:00:00.5Z"),
                Instant.parse("2026-03-01T12:00:00.000001Z"), Instant.parse("2026-03-01T11:59:59.999999Z"),
                Instant.parse("2026-03-01T12:00:01Z"));
        for (int i = 0; i < times.size(); i++) {
            db.sql("INSERT INTO ev (n, at) VALUES (?, ?)", i, times.get(i)).execute();
        }
        assertThat(db.sql("SELECT n FROM ev ORDER BY at").list(rs -> rs.getInt(1))).containsExactly(3, 0, 2, 1, 4);
        assertThat(db.sql("SELECT n FROM ev WHERE at > ? ORDER BY n", Instant.parse("2026-03-01T12:00:00Z"))
                .list(rs -> rs.getInt(1))).containsExactly(1, 2, 4);
    }

    @AllEngines
    void decimalsCompareAsNumbersOnEveryEngine(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE amounts (v DECIMAL(10,2))").execute();
        db.batch("INSERT INTO amounts (v) VALUES (?)", List.of(List.of(new BigDecimal("4.50")),
                List.of(new BigDecimal("5.50")), List.of(new BigDecimal("2"))));
        // SUM(v) is 12.00: compared with a bound decimal, not as text
        assertThat(db.sql("SELECT COUNT(*) FROM amounts HAVING SUM(v) > ?", new BigDecimal("9.99"))
                .list(rs -> rs.getInt(1))).containsExactly(3);
        assertThat(db.sql("SELECT COUNT(*) FROM amounts HAVING SUM(v) > ?", new BigDecimal("100"))
                .list(rs -> rs.getInt(1))).isEmpty();
        assertThat(db.sql("SELECT 7 / ? AS q", new BigDecimal("2.00")).list(rs -> rs.getDouble(1)))
                .containsExactly(3.5);
        // wider than the 15 digits a double keeps: bound as text on SQLite, so a TEXT column holds every digit
        db.sql("CREATE TABLE wide (v " + (s.engine() == Engine.SQLITE ? "TEXT" : "DECIMAL(30,10)") + ")").execute();
        BigDecimal wide = new BigDecimal("12345678901234567890.1234567891");
        db.sql("INSERT INTO wide (v) VALUES (?)", wide).execute();
        assertThat(db.sql("SELECT v FROM wide").list(rs -> rs.getBigDecimal(1)))
                .singleElement().satisfies(v -> assertThat(v).isEqualByComparingTo(wide));
    }

    @AllEngines
    void batchIsAllOrNothing(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(10))").execute();
        db.batch("INSERT INTO b (id, v) VALUES (?, ?)", List.of(List.of(1, "a"), List.of(2, "b")));
        assertThatThrownBy(() -> db.batch("INSERT INTO b (id, v) VALUES (?, ?)",
                List.of(List.of(3, "c"), List.of(1, "dup"), List.of(4, "d"))))
                .isInstanceOf(io.covet.core.error.UniqueViolation.class);
        assertThat(db.sql("SELECT id FROM b ORDER BY id").list(rs -> rs.getInt(1))).containsExactly(1, 2);
    }

    @AllEngines
    void aFailedBatchInsideATransactionLeavesNothingBehindWhenCaught(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(10))").execute();
        db.atomicRun(tx -> {
            db.sql("INSERT INTO b (id, v) VALUES (1, 'kept')").execute();
            assertThatThrownBy(() -> db.batch("INSERT INTO b (id, v) VALUES (?, ?)",
                    List.of(List.of(2, "x"), List.of(3, "y"), List.of(1, "dup"))))
                    .isInstanceOf(io.covet.core.error.UniqueViolation.class);
            assertThatThrownBy(() -> db.bulkLoad("b", List.of("id", "v"),
                    List.<Object[]>of(new Object[]{4, "z"}, new Object[]{1, "dup"})))
                    .isInstanceOf(io.covet.core.error.UniqueViolation.class);
            db.sql("INSERT INTO b (id, v) VALUES (5, 'after')").execute();
        });
        assertThat(db.sql("SELECT id FROM b ORDER BY id").list(rs -> rs.getInt(1))).containsExactly(1, 5);
    }

    /** A batch under a savepoint inside a transaction (kept and failed) leaves the pooled connection as lent. */
    @AllEngines
    void aBatchInsideATransactionHandsTheConnectionBackInAutocommit(Scratch s) throws Exception {
        Database db = s.db();
        db.sql("CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(10))").execute();
        db.atomicRun(tx -> {
            db.batch("INSERT INTO b (id, v) VALUES (?, ?)", List.of(List.of(1, "a"), List.of(2, "b")));
            assertThatThrownBy(() -> db.batch("INSERT INTO b (id, v) VALUES (?, ?)", List.of(List.of(1, "dup"))))
                    .isInstanceOf(io.covet.core.error.UniqueViolation.class);
        });
        // (sqlite-jdbc's setSavepoint() used to switch its autocommit flag off for good: this said false, and
        // setAutoCommit(true) failed with "cannot commit - no transaction is active")
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
            c.setAutoCommit(true);
        }
        db.sql("INSERT INTO b (id, v) VALUES (3, 'c')").execute();
        assertThat(db.sql("SELECT id FROM b ORDER BY id").list(rs -> rs.getInt(1))).containsExactly(1, 2, 3);
    }

    @AllEngines
    void withConnectionTranslatesErrors(Scratch s) {
        Database db = s.db();
        assertThatThrownBy(() -> db.withConnection(c -> c.createStatement().executeQuery("SELECT * FROM missing_table")))
                .isInstanceOf(io.covet.core.error.SqlSyntaxError.class)
                .hasMessageContaining(s.engine().displayName());
    }
}
