package io.covet.core.dialect;

import io.covet.core.engine.Engine;

import io.covet.core.Database;
import io.covet.core.error.DataAccessException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Capability flags that replaced engine checks say what the live server really does. */
class CapabilityTest {

    @AllEngines
    void alterAddConstraintIsReportedExactlyWhereTheServerAcceptsIt(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)").execute();
        db.sql("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER)").execute();
        String alter = "ALTER TABLE child ADD CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id)";
        if (db.supports(Feature.ALTER_ADD_CONSTRAINT)) {
            db.sql(alter).execute();
            db.sql("INSERT INTO parent (id) VALUES (1)").execute();
            db.sql("INSERT INTO child (id, parent_id) VALUES (1, 1)").execute();
            assertThatThrownBy(() -> db.sql("INSERT INTO child (id, parent_id) VALUES (2, 99)").execute())
                    .isInstanceOf(io.covet.core.error.ForeignKeyViolation.class);
        } else {
            assertThat(s.engine()).isEqualTo(Engine.SQLITE);
            assertThatThrownBy(() -> db.sql(alter).execute()).isInstanceOf(DataAccessException.class);
        }
    }

    @Test
    void everyServerEngineCanAddAConstraintAndTheEmbeddedOneCannot() {
        for (Engine e : Engine.values()) {
            assertThat(Dialect.of(e).supports(Feature.ALTER_ADD_CONSTRAINT)).as(e.displayName()).isEqualTo(!e.embedded());
        }
    }

    @AllEngines
    void exportedSnapshotsAreReportedExactlyWhereAnotherConnectionCanAdoptOne(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE snap_probe (id INTEGER PRIMARY KEY)").execute();
        db.sql("INSERT INTO snap_probe (id) VALUES (1)").execute();
        if (db.supports(Feature.EXPORTED_SNAPSHOTS)) {
            Database other = s.open(b -> b);
            long seen = db.withConnection(a -> {
                a.setAutoCommit(false);
                try (Statement st = a.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    String id;
                    try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                        rs.next();
                        id = rs.getString(1);
                    }
                    // committed after the export, so a connection on the exported snapshot must not see it
                    other.sql("INSERT INTO snap_probe (id) VALUES (2)").execute();
                    return other.withConnection(b -> {
                        b.setAutoCommit(false);
                        try (Statement t = b.createStatement()) {
                            t.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                            t.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
                            try (ResultSet rs = t.executeQuery("SELECT count(*) FROM snap_probe")) {
                                rs.next();
                                return rs.getLong(1);
                            }
                        } finally {
                            b.rollback();
                            b.setAutoCommit(true);
                        }
                    });
                } finally {
                    a.rollback();
                    a.setAutoCommit(true);
                }
            });
            assertThat(seen).isEqualTo(1L);
            long total = other.withConnection(c -> {
                try (Statement t = c.createStatement();
                     ResultSet rs = t.executeQuery("SELECT count(*) FROM snap_probe")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(total).isEqualTo(2L);
        } else {
            assertThat(s.engine()).isNotEqualTo(Engine.POSTGRESQL);
            assertThatThrownBy(() -> db.withConnection(c -> {
                try (Statement t = c.createStatement()) {
                    return t.executeQuery("SELECT pg_export_snapshot()").next();
                }
            })).isInstanceOf(DataAccessException.class);
        }
    }

    @Test
    void onlyPostgresqlExportsSnapshots() {
        for (Engine e : Engine.values()) {
            assertThat(Dialect.of(e).supports(Feature.EXPORTED_SNAPSHOTS)).as(e.displayName())
                    .isEqualTo(e == Engine.POSTGRESQL);
        }
    }
}
