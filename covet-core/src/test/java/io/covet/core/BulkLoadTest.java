package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.core.error.UniqueViolation;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkLoadTest {

    private static String ddl(Engine e) {
        String bytes = switch (e) {
            case POSTGRESQL -> "BYTEA";
            case SQLITE -> "BLOB";
            default -> "VARBINARY(16)";
        };
        String flag = e == Engine.SQLITE ? "INTEGER" : "BOOLEAN";
        return "CREATE TABLE load_t (id BIGINT PRIMARY KEY, name VARCHAR(200), amount DECIMAL(12,3), flag " + flag
                + ", raw " + bytes + ", at VARCHAR(40))";
    }

    @AllEngines
    void loadsManyRowsWithAwkwardValuesExactly(Scratch s) {
        Database db = s.db();
        db.sql(ddl(s.engine())).execute();
        String[] awkward = {"tab\there", "new\nline", "back\\slash", "quote'd \"x\"", "\\N", "", "ünïcödé ✓ 𝄞",
                "carriage\rreturn", "comma,semi;colon"};
        int n = 5_000;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[]{(long) i, i < awkward.length ? awkward[i] : (i % 7 == 0 ? null : "name-" + i),
                    new BigDecimal(i).movePointLeft(3), i % 2 == 0, new byte[]{(byte) i, 0, (byte) 0xff, '\t', '\\'},
                    Instant.ofEpochSecond(1_700_000_000L + i).toString()});
        }
        long loaded = db.bulkLoad("load_t", List.of("id", "name", "amount", "flag", "raw", "at"), rows);
        assertThat(loaded).isEqualTo(n);
        assertThat(db.sql("SELECT COUNT(*) FROM load_t").list(rs -> rs.getLong(1))).containsExactly((long) n);
        List<Object[]> back = db.sql("SELECT id, name, amount, flag, raw, at FROM load_t ORDER BY id")
                .list(rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBoolean(4),
                        rs.getBytes(5), rs.getString(6)});
        for (int i = 0; i < n; i++) {
            Object[] want = rows.get(i);
            Object[] got = back.get(i);
            assertThat(got[0]).isEqualTo(want[0]);
            assertThat(got[1]).as("name of row %d", i).isEqualTo(want[1]);
            assertThat((BigDecimal) got[2]).isEqualByComparingTo((BigDecimal) want[2]);
            assertThat(got[3]).isEqualTo(want[3]);
            assertThat((byte[]) got[4]).isEqualTo((byte[]) want[4]);
            assertThat(got[5]).isEqualTo(want[5]);
        }
    }

    @AllEngines
    void aFailingRowLoadsNothing(Scratch s) {
        Database db = s.db();
        db.sql(ddl(s.engine())).execute();
        db.sql("INSERT INTO load_t (id, name) VALUES (1, 'existing')").execute();
        // 3,000 new rows, the 2,500th collides with the existing key
        Iterator<Object[]> rows = IntStream.range(0, 3_000)
                .mapToObj(i -> new Object[]{i == 2_499 ? 1L : 10_000L + i, "n" + i}).iterator();
        assertThatThrownBy(() -> db.bulkLoad("load_t", List.of("id", "name"), rows))
                .isInstanceOf(UniqueViolation.class);
        assertThat(db.sql("SELECT COUNT(*) FROM load_t").list(rs -> rs.getLong(1))).containsExactly(1L);
    }

    @AllEngines
    void refusesRowsOfTheWrongWidthAndInjectedNames(Scratch s) {
        Database db = s.db();
        db.sql(ddl(s.engine())).execute();
        assertThatThrownBy(() -> db.bulkLoad("load_t", List.of("id", "name"),
                List.<Object[]>of(new Object[]{1L, "a"}, new Object[]{2L})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 1 values but 2 columns");
        assertThatThrownBy(() -> db.bulkLoad("load_t\"; DROP TABLE load_t; --", List.of("id"),
                List.<Object[]>of(new Object[]{1L})))
                .isInstanceOf(io.covet.core.dialect.InvalidIdentifierException.class);
        assertThat(db.sql("SELECT COUNT(*) FROM load_t").list(rs -> rs.getLong(1))).containsExactly(0L);
    }
}
