package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code Table.forSystemTimeAsOf/forSystemTimeAll}: on MariaDB a system-versioned table read at an instant (bound,
 * so two instants share one rendered text) and over all versions; elsewhere refused naming the engine.
 */
class SystemTimeTest {
    private static final Table T = Sql.table("sv_item");
    private static final Column<Object> NAME = Sql.field(T, "name", Object.class);

    private static Instant dbNow(Database db) {
        BigDecimal t = db.sql("SELECT UNIX_TIMESTAMP(NOW(6)) AS t").list().get(0).getBigDecimal("t");
        BigDecimal[] p = t.divideAndRemainder(BigDecimal.ONE);
        return Instant.ofEpochSecond(p[0].longValueExact(), p[1].movePointRight(9).longValue());
    }

    @AllEngines
    void asOfAndAllReadVersionsOnMariaDbAndAreRefusedElsewhere(Scratch s) throws Exception {
        Database db = s.db();
        Table at = T.forSystemTimeAsOf(Instant.parse("2026-01-01T00:00:00.123456Z"));
        if (s.engine() != Engine.MARIADB) {
            assertThatThrownBy(() -> Sql.select(NAME).from(at).render(db.dialect()))
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessageStartingWith("FOR SYSTEM_TIME (system-versioned table sv_item) is not supported by "
                            + (s.engine() == Engine.POSTGRESQL ? "PostgreSQL" : "SQLite"));
            return;
        }
        RenderedSql r = Sql.select(Sql.field(at, "name", Object.class)).from(at).render(Dialect.of(Engine.MARIADB));
        assertThat(r.sql()).isEqualTo("SELECT `sv_item`.`name` FROM `sv_item` FOR SYSTEM_TIME AS OF TIMESTAMP "
                + "FROM_UNIXTIME(?)");
        assertThat(r.params()).containsExactly(new BigDecimal("1767225600.123456"));

        db.sql("CREATE TABLE sv_item (id INT PRIMARY KEY, name VARCHAR(20)) WITH SYSTEM VERSIONING").execute();
        db.sql("INSERT INTO sv_item VALUES (1, 'old')").execute();
        Thread.sleep(5); // separates the two versions on the database clock; nothing is timed
        Instant between = dbNow(db);
        Thread.sleep(5);
        db.sql("UPDATE sv_item SET name = 'new'").execute();
        Table then = T.forSystemTimeAsOf(between);
        assertThat(Sql.select(Sql.field(then, "name", Object.class)).from(then).fetch(db))
                .extracting(row -> row.getString("name")).containsExactly("old");
        Table aliased = T.forSystemTimeAsOf(between).as("x");
        assertThat(Sql.select(Sql.field(aliased, "name", Object.class)).from(aliased).fetch(db))
                .extracting(row -> row.getString("name")).containsExactly("old");
        Table all = T.forSystemTimeAll();
        List<String> names = Sql.select(Sql.field(all, "name", Object.class)).from(all)
                .orderBy(Sql.field(all, "name", Object.class).asc()).fetch(db).stream()
                .map(row -> row.getString("name")).toList();
        assertThat(names).containsExactly("new", "old");
    }
}
