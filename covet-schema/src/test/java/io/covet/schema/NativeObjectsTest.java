package io.covet.schema;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NativeObjectsTest {

    private static void create(Database db) {
        Engine e = db.engine().family();
        db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)").execute();
        db.sql("CREATE TABLE item_log (item_id INTEGER NOT NULL)").execute();
        db.sql("CREATE VIEW named_item AS SELECT id, name FROM item WHERE name <> ''").execute();
        db.sql("CREATE VIEW short_item AS SELECT id FROM named_item WHERE id < 10").execute();
        switch (e) {
            case POSTGRESQL -> {
                db.sql("CREATE INDEX item_lower ON item (lower(name)) WHERE id > 0").execute();
                db.sql("CREATE FUNCTION log_item() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN INSERT INTO item_log VALUES (NEW.id); RETURN NEW; END $$").execute();
                db.sql("CREATE TRIGGER item_logged AFTER INSERT ON item FOR EACH ROW EXECUTE FUNCTION log_item()").execute();
            }
            case MARIADB -> db.sql("CREATE TRIGGER item_logged AFTER INSERT ON item FOR EACH ROW "
                    + "INSERT INTO item_log VALUES (NEW.id)").execute();
            default -> {
                db.sql("CREATE INDEX item_lower ON item (lower(name)) WHERE id > 0").execute();
                db.sql("CREATE TRIGGER item_logged AFTER INSERT ON item BEGIN INSERT INTO item_log VALUES (NEW.id); END")
                        .execute();
            }
        }
    }

    @AllEngines
    void viewsTriggersAndExpressionIndexesReadAsSqlThatRecreatesThemElsewhere(Scratch s) throws Exception {
        Database db = s.db();
        create(db);
        List<NativeObject> read = Introspector.readNativeObjects(db);
        List<String> expected = switch (s.engine().family()) {
            case POSTGRESQL -> List.of("index item_lower on item", "view named_item", "view short_item",
                    "function log_item", "trigger item_logged on item");
            case MARIADB -> List.of("view named_item", "view short_item", "trigger item_logged on item");
            default -> List.of("index item_lower on item", "view named_item", "view short_item",
                    "trigger item_logged on item");
        };
        assertThat(read).extracting(NativeObject::describe).containsExactlyElementsOf(expected);
        // Nothing names the schema or database it was read from, so the SQL runs in another one.
        String home = db.sql(switch (s.engine().family()) {
            case POSTGRESQL -> "SELECT current_schema()";
            case MARIADB -> "SELECT DATABASE()";
            default -> "SELECT 'main'";
        }).list(rs -> rs.getString(1)).get(0);
        assertThat(read).allSatisfy(o -> assertThat(o.sql()).doesNotContain(home + "."));

        try (Scratch other = Scratch.on(s.engine())) {
            Database copy = other.db();
            SchemaDdl ddl = SchemaDdl.of(copy.dialect());
            for (Table t : Introspector.read(db).tables()) {
                ddl.createTable(t).forEach(sql -> copy.sql(sql).execute());
            }
            for (NativeObject o : read) {
                copy.sql(o.sql()).execute();
            }
            assertThat(Introspector.readNativeObjects(copy)).isEqualTo(read);
            copy.sql("INSERT INTO item (id, name) VALUES (1, 'a')").execute();
            assertThat(copy.sql("SELECT item_id FROM item_log").list(rs -> rs.getInt(1))).containsExactly(1);
            assertThat(copy.sql("SELECT id FROM short_item").list(rs -> rs.getInt(1))).containsExactly(1);
        }
    }
}
