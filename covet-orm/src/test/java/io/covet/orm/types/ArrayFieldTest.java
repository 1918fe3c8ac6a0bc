package io.covet.orm.types;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.Orm;
import io.covet.schema.Introspector;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code List<E>} fields are PostgreSQL arrays ({@code FieldType.ARRAY}): created as {@code element[]}, written with
 * {@code createArrayOf}, read with {@code getArray}, compared whole and by containment and overlap; MariaDB and
 * SQLite refuse the models before anything runs.
 */
class ArrayFieldTest {

    @AllEngines
    void listFieldsArePostgresArraysAndRefusedElsewhere(Scratch s) {
        Database db = s.db();
        if (s.engine() != Engine.POSTGRESQL) {
            List<String> before = Introspector.read(db).tableNames();
            assertThatThrownBy(() -> Orm.builder().database(db).models(Tagged_.TYPE).build())
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessage("array field Tagged.tags (List<String>, a PostgreSQL array column) is not supported by "
                            + s.engine().displayName() + ". Store the list in a JSON field (@Column(type = "
                            + "FieldType.JSON) on the List), or in a model of its own with a foreign key to Tagged.");
            assertThat(Introspector.read(db).tableNames()).isEqualTo(before);
            return;
        }
        Orm orm = Orm.builder().database(db).models(Tagged_.TYPE).build();
        orm.createTables();
        assertThat(db.sql("SELECT attname, format_type(atttypid, atttypmod) t FROM pg_attribute WHERE attrelid = "
                + "'tagged'::regclass AND attnum > 1 ORDER BY attnum").list(r -> r.getString(1) + " " + r.getString(2)))
                .containsExactly("tags text[]", "codes character varying(20)[]", "scores integer[]", "big bigint[]",
                        "prices numeric(8,2)[]", "refs uuid[]", "flags boolean[]");

        UUID u = UUID.fromString("3634fd4b-664f-ca73-3931-49b478c9f887");
        Tagged a = new Tagged();
        a.id = 1L;
        a.tags = List.of("red", "a \"quoted\", comma", "{braces}");
        a.codes = List.of("X1", "Y2");
        a.scores = Arrays.asList(3, null, 7);
        a.big = List.of(Long.MAX_VALUE);
        a.prices = List.of(new BigDecimal("1.50"), new BigDecimal("-2.25"));
        a.refs = List.of(u);
        a.flags = List.of(true, false);
        Tagged b = new Tagged();
        b.id = 2L;
        b.tags = List.of();
        b.scores = List.of(7, 8);
        orm.save(a);
        orm.save(b);

        Tagged back = orm.objects(Tagged.class).get(1L);
        assertThat(back.tags).containsExactly("red", "a \"quoted\", comma", "{braces}");
        assertThat(back.codes).containsExactly("X1", "Y2");
        assertThat(back.scores).containsExactly(3, null, 7);
        assertThat(back.big).containsExactly(Long.MAX_VALUE);
        assertThat(back.prices).containsExactly(new BigDecimal("1.50"), new BigDecimal("-2.25"));
        assertThat(back.refs).containsExactly(u);
        assertThat(back.flags).containsExactly(true, false);
        Tagged empty = orm.objects(Tagged.class).get(2L);
        assertThat(empty.tags).isEmpty();
        assertThat(empty.codes).isNull();

        // lookups: the whole array, containment, contained-by, overlap
        assertThat(ids(orm.objects(Tagged.class).filter(Tagged_.SCORES.eq(List.of(7, 8))).list())).containsExactly(2L);
        assertThat(ids(orm.objects(Tagged.class).filter(Tagged_.SCORES.arrayContains(List.of(7))).list()))
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(ids(orm.objects(Tagged.class).filter(Tagged_.SCORES.arrayContains(List.of(3, 7))).list()))
                .containsExactly(1L);
        assertThat(ids(orm.objects(Tagged.class).filter(Tagged_.SCORES.arrayOverlaps(List.of(8, 100))).list()))
                .containsExactly(2L);
        assertThat(ids(orm.objects(Tagged.class).filter(Tagged_.TAGS.arrayContainedBy(List.of("red"))).list()))
                .containsExactly(2L); // the empty array is contained in any
        assertThat(ids(orm.objects(Tagged.class).filter(Tagged_.CODES.arrayContains(List.of("Y2"))).list()))
                .containsExactly(1L);

        // an update replaces the list; the dirty check sees a new list
        back.scores = List.of(1, 2, 3);
        orm.save(back);
        assertThat(orm.objects(Tagged.class).get(1L).scores).containsExactly(1, 2, 3);
        assertThat(orm.objects(Tagged.class).get(1L).tags).containsExactly("red", "a \"quoted\", comma", "{braces}");

        // bulkCreate inserts rows with bound arrays; bulkLoad goes through COPY, which sends each list as an array
        // literal the server parses
        orm.objects(Tagged.class).bulkCreate(batch(10, 12));
        assertThat(orm.objects(Tagged.class).bulkLoad(batch(20, 22))).isEqualTo(2);
        for (long id : new long[]{11, 21}) {
            Tagged copied = orm.objects(Tagged.class).get(id);
            assertThat(copied.tags).containsExactly("t" + id, "with \\ backslash", "NULL", "");
            assertThat(copied.scores).containsExactly((int) id, null);
        }
    }

    private static List<Tagged> batch(long from, long to) {
        List<Tagged> many = new ArrayList<>();
        for (long i = from; i < to; i++) {
            Tagged t = new Tagged();
            t.id = i;
            t.tags = List.of("t" + i, "with \\ backslash", "NULL", "");
            t.scores = Arrays.asList((int) i, null);
            many.add(t);
        }
        return many;
    }

    private static List<Long> ids(List<Tagged> l) {
        return l.stream().map(t -> t.id).toList();
    }
}
