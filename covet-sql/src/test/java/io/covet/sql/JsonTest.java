package io.covet.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.covet.sql.Events.EVENTS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Rows.strings;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON path extraction, containment, key existence and aggregation on every engine. */
class JsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void seedEvents(Database db) {
        TestSchema.seed(db);
        Sql.insertInto(EVENTS).columns(EVENTS.ID, EVENTS.KIND, EVENTS.DATA)
                .values(1L, "click", Json.of("{\"user\": {\"id\": 1, \"name\": \"Ada\"}, \"tags\": [\"a\", \"b\"], "
                        + "\"score\": 5, \"flag\": null}"))
                .values(2L, "view", Json.of("{\"user\": {\"id\": 2, \"name\": \"Alan\"}, \"tags\": [\"b\"], "
                        + "\"score\": 3}"))
                .values(3L, "click", Json.of("{\"user\": {\"id\": 1, \"name\": \"Ada\"}, \"score\": 7}"))
                .execute(db);
    }

    private static JsonNode parse(Object value) throws Exception {
        return JSON.readTree(value.toString());
    }

    @AllEngines
    void pathExtractionAsTextAndAsJson(Scratch s) throws Exception {
        Database db = s.db();
        seedEvents(db);
        List<Row> rows = select(Json.extractText(EVENTS.DATA, "user", "name"), Json.extractText(EVENTS.DATA, "score"),
                Json.extractText(EVENTS.DATA, "tags", 0), Json.extractText(EVENTS.DATA, "flag"),
                Json.extractText(EVENTS.DATA, "missing"), Json.extract(EVENTS.DATA, "user"))
                .from(EVENTS).orderBy(EVENTS.ID).fetch(db);
        assertThat(strings(rows, 0)).containsExactly("Ada", "Alan", "Ada");
        assertThat(strings(rows, 1)).containsExactly("5", "3", "7");
        assertThat(strings(rows, 2)).containsExactly("a", "b", null);
        assertThat(strings(rows, 3)).containsExactly(null, null, null);
        assertThat(strings(rows, 4)).containsExactly(null, null, null);
        assertThat(parse(rows.get(1).get(5))).isEqualTo(JSON.readTree("{\"id\": 2, \"name\": \"Alan\"}"));

        // Filtering and sorting on an extracted value.
        List<Row> ada = select(EVENTS.ID).from(EVENTS).where(Json.extractText(EVENTS.DATA, "user", "name").eq("Ada"))
                .orderBy(EVENTS.ID).fetch(db);
        assertThat(longs(ada, 0)).containsExactly(1L, 3L);
    }

    @AllEngines
    void containmentAndKeyExistence(Scratch s) {
        Database db = s.db();
        seedEvents(db);
        assertThat(longs(select(EVENTS.ID).from(EVENTS)
                .where(Json.contains(EVENTS.DATA, Json.of("{\"user\": {\"id\": 1}}"))).orderBy(EVENTS.ID).fetch(db), 0))
                .containsExactly(1L, 3L);
        assertThat(longs(select(EVENTS.ID).from(EVENTS)
                .where(Json.contains(EVENTS.DATA, Json.of("{\"score\": 3, \"user\": {\"name\": \"Alan\"}}")))
                .fetch(db), 0)).containsExactly(2L);
        assertThat(longs(select(EVENTS.ID).from(EVENTS)
                .where(Json.contains(EVENTS.DATA, Json.of("{\"score\": \"3\"}"))).fetch(db), 0)).isEmpty();
        assertThat(longs(select(EVENTS.ID).from(EVENTS).where(Json.hasKey(EVENTS.DATA, "tags")).orderBy(EVENTS.ID)
                .fetch(db), 0)).containsExactly(1L, 2L);
        // A key whose value is JSON null still exists.
        assertThat(longs(select(EVENTS.ID).from(EVENTS).where(Json.hasKey(EVENTS.DATA, "flag")).fetch(db), 0))
                .containsExactly(1L);
        assertThat(longs(select(EVENTS.ID).from(EVENTS).where(Json.hasKey(EVENTS.DATA, "name")).fetch(db), 0))
                .isEmpty();
    }

    @AllEngines
    void aggregationIntoArraysAndObjects(Scratch s) throws Exception {
        Database db = s.db();
        seedEvents(db);
        List<Row> perKind = select(EVENTS.KIND, Json.arrayAgg(EVENTS.ID, EVENTS.ID.desc())).from(EVENTS)
                .groupBy(EVENTS.KIND).orderBy(EVENTS.KIND).fetch(db);
        assertThat(strings(perKind, 0)).containsExactly("click", "view");
        assertThat(parse(perKind.get(0).get(1))).isEqualTo(JSON.readTree("[3, 1]"));
        assertThat(parse(perKind.get(1).get(1))).isEqualTo(JSON.readTree("[2]"));

        Row byName = select(Json.objectAgg(USERS.NAME, USERS.ID)).from(USERS).where(USERS.ID.le(2L)).fetch(db).get(0);
        assertThat(parse(byName.get(0))).isEqualTo(JSON.readTree("{\"Ada\": 1, \"Alan\": 2}"));
    }

    @Test
    void pathKeysThatCouldChangeAPathAreRefusedBeforeRendering() {
        assertThatThrownBy(() -> Json.extractText(EVENTS.DATA, "a\"b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON key a\"b contains a quote, backslash or control character, which MariaDB and "
                        + "SQLite paths cannot express safely");
        assertThatThrownBy(() -> Json.hasKey(EVENTS.DATA, "x\\")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.extract(EVENTS.DATA, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a JSON path step must be a String key or a non-negative Integer index, was 1.5");
    }
}
