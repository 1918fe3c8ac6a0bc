package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller's own DataSource is adopted as is: engine detected from it, and left open when Covet closes. */
class DataSourceAdoptionTest {

    private static DataSource dataSourceFor(Scratch s) throws Exception {
        DatabaseUrl u = DatabaseUrl.parse(s.url());
        return switch (s.engine()) {
            case SQLITE -> {
                SQLiteDataSource ds = new SQLiteDataSource();
                ds.setUrl("jdbc:sqlite:" + u.database());
                yield ds;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl("jdbc:postgresql://" + u.location() + "/" + u.database() + "?currentSchema="
                        + u.parameters().get("currentSchema"));
                ds.setUser(u.user().orElseThrow());
                ds.setPassword(u.password().orElseThrow());
                yield ds;
            }
            default -> {
                MariaDbDataSource ds = new MariaDbDataSource("jdbc:mariadb://" + u.location() + "/" + u.database());
                ds.setUser(u.user().orElseThrow());
                ds.setPassword(u.password().orElseThrow());
                yield ds;
            }
        };
    }

    @AllEngines
    void adoptsACallersDataSourceAndDetectsTheEngine(Scratch s) throws Exception {
        s.db().sql("CREATE TABLE adopted (id INT PRIMARY KEY)").execute();
        DataSource ds = dataSourceFor(s);
        try (Database db = Database.of("analytics", ds)) {
            assertThat(db.name()).isEqualTo("analytics");
            assertThat(db.engine()).isEqualTo(s.engine());
            assertThat(db.config().dataSource()).containsSame(ds);
            db.sql("INSERT INTO adopted VALUES (?)", 7).execute();
            assertThat(db.sql("SELECT id FROM adopted").list(rs -> rs.getInt(1))).containsExactly(7);
        }
        try (Connection stillUsable = ds.getConnection()) {
            assertThat(stillUsable.isValid(2)).isTrue();
        }
        if (s.engine() != Engine.SQLITE) {
            assertThat(s.db().sql("SELECT COUNT(*) FROM adopted").list(rs -> rs.getInt(1))).containsExactly(1);
        }
    }
}
