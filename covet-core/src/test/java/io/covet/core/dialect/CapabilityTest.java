package io.covet.core.dialect;

import io.covet.core.engine.Engine;

import io.covet.core.Database;
import io.covet.core.error.DataAccessException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

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
}
