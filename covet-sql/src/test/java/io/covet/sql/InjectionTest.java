package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.dialect.InvalidIdentifierException;
import io.covet.core.error.CovetException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.covet.sql.Rows.longs;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Victims.VICTIMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * More than a hundred injection payloads, as values (their meaning must stay data: they round-trip exactly and
 * damage nothing) and as identifiers (refused before reaching the database, or always written quoted).
 */
class InjectionTest {
    private static final List<String> PAYLOADS = Payloads.all();
    private static final Pattern REFUSAL = Pattern.compile("invalid identifier '.*': ("
            + "it contains the character [\"`'\\\\] at position \\d+, which could end a quoted name"
            + "|it contains control character U\\+[0-9A-F]{4} at position \\d+"
            + "|it is \\d+ characters long and \\w+ keeps at most \\d+"
            + "|an identifier must not be empty"
            + "|it is \\d+ bytes long in UTF-8 and PostgreSQL keeps at most 63 bytes"
            + "|it contains U\\+[0-9A-F]+ at position \\d+, outside the Basic Multilingual Plane that MariaDB allows"
            + " in names"
            + "|it starts or ends with a space, which MariaDB strips or refuses in names"
            + "); use a name of letters, digits and underscores", Pattern.DOTALL);

    @Test
    void thereAreMoreThanAHundredDistinctPayloads() {
        assertThat(PAYLOADS).doesNotHaveDuplicates().hasSizeGreaterThan(100);
    }

    /** PostgreSQL text cannot hold NUL (0x00); every other payload must be storable everywhere. */
    private static boolean storable(Engine engine, String payload) {
        return engine != Engine.POSTGRESQL || payload.indexOf('\u0000') < 0;
    }

    @AllEngines
    void payloadsAsValuesStayDataInInsertWhereUpdateLikeAndDelete(Scratch s) {
        Database db = s.db();
        TestSchema.create(db);
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            Insert insert = Sql.insertInto(VICTIMS).columns(VICTIMS.ID, VICTIMS.NAME).values((long) i, payload);
            if (storable(s.engine(), payload)) {
                assertThat(insert.execute(db)).as("insert of payload %d", i).isEqualTo(1);
                stored.add(payload);
            } else {
                // The driver or server refuses the value itself: nothing is inserted, nothing else happens.
                assertThatThrownBy(() -> insert.execute(db)).isInstanceOf(CovetException.class);
            }
        }
        assertThat(count(db)).isEqualTo(stored.size());

        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            if (!storable(s.engine(), payload)) {
                continue;
            }
            // WHERE = finds exactly this row, and the stored text is byte-for-byte the payload.
            List<Row> hit = select(VICTIMS.ID, VICTIMS.NAME).from(VICTIMS).where(VICTIMS.NAME.eq(payload)).fetch(db);
            assertThat(longs(hit, 0)).as("lookup of payload %d", i).containsExactly((long) i);
            assertThat(hit.get(0).getString("name")).as("round trip of payload %d", i).isEqualTo(payload);
            // LIKE with the payload taken literally finds at least this row (SQLite caps patterns at 50,000 bytes).
            if (payload.length() <= 1000) {
                assertThat(longs(select(VICTIMS.ID).from(VICTIMS).where(VICTIMS.NAME.contains(payload)).fetch(db), 0))
                        .as("LIKE of payload %d", i).contains((long) i);
            }
        }

        // UPDATE with a payload as the new value and as the condition changes exactly one row.
        for (int i = 0; i < 20; i++) {
            String payload = PAYLOADS.get(i);
            assertThat(Sql.update(VICTIMS).set(VICTIMS.NAME, payload + "!").where(VICTIMS.NAME.eq(payload))
                    .execute(db)).isEqualTo(1);
            assertThat(Sql.update(VICTIMS).set(VICTIMS.NAME, payload).where(VICTIMS.NAME.eq(payload + "!"))
                    .execute(db)).isEqualTo(1);
        }
        // DELETE by payload removes exactly that row; the table and every other row survive.
        int deleted = 0;
        for (int i = 0; i < PAYLOADS.size(); i += 3) {
            if (storable(s.engine(), PAYLOADS.get(i))) {
                assertThat(Sql.deleteFrom(VICTIMS).where(VICTIMS.NAME.eq(PAYLOADS.get(i))).execute(db)).isEqualTo(1);
                deleted++;
            }
        }
        assertThat(count(db)).isEqualTo(stored.size() - deleted);
        // IN lists and raw fragments bind payloads too.
        assertThat(longs(select(VICTIMS.ID).from(VICTIMS).where(VICTIMS.NAME.in(PAYLOADS.get(1), PAYLOADS.get(2)))
                .orderBy(VICTIMS.ID).fetch(db), 0)).containsExactly(1L, 2L);
        assertThat(longs(select(VICTIMS.ID).from(VICTIMS).where(Sql.rawCondition("? = ?", VICTIMS.NAME,
                PAYLOADS.get(4))).fetch(db), 0)).containsExactly(4L);
    }

    private static long count(Database db) {
        return longs(select(Functions.count()).from(VICTIMS).fetch(db), 0).get(0);
    }

    @AllEngines
    void payloadsAsIdentifiersAreRefusedOrAlwaysQuoted(Scratch s) {
        Database db = s.db();
        TestSchema.create(db);
        Sql.insertInto(VICTIMS).columns(VICTIMS.ID, VICTIMS.NAME).values(1L, "only row").execute(db);
        Dialect dialect = db.dialect();
        char q = dialect.family() == Engine.MARIADB ? '`' : '"';
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            Select asAlias = select(VICTIMS.NAME.as(payload)).from(VICTIMS);
            Select asTable = select().from(Sql.table(payload));
            Table aliased = VICTIMS.as(payload);
            Select asColumn = select(Sql.field(aliased, payload, String.class)).from(aliased);
            boolean valid;
            try {
                asTable.render(dialect);
                valid = true;
            } catch (InvalidIdentifierException e) {
                valid = false;
            }
            if (!valid) {
                refused++;
                for (Select query : List.of(asAlias, asTable, asColumn)) {
                    assertThatThrownBy(() -> query.fetch(db)).as("payload %d", i)
                            .isInstanceOf(InvalidIdentifierException.class)
                            .satisfies(e -> assertThat(REFUSAL.matcher(e.getMessage()).matches())
                                    .as("message: %s", e.getMessage()).isTrue())
                            .satisfies(e -> assertThat(((InvalidIdentifierException) e).identifier())
                                    .isEqualTo(payload));
                }
                continue;
            }
            accepted++;
            String quoted = q + payload + q;
            assertThat(asAlias.render(dialect).sql()).isEqualTo("SELECT " + q + "victims" + q + "." + q + "name" + q
                    + " AS " + quoted + " FROM " + q + "victims" + q);
            assertThat(asTable.render(dialect).sql()).isEqualTo("SELECT * FROM " + quoted);
            assertThat(asColumn.render(dialect).sql()).isEqualTo("SELECT " + quoted + "." + quoted + " FROM "
                    + q + "victims" + q + " AS " + quoted);
            // On the engine the quoted payload is just a name: the alias comes back as the column label.
            List<Row> rows = asAlias.fetch(db);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).labels()).as("label of payload %d", i).containsExactly(payload);
            assertThat(rows.get(0).get(0)).isEqualTo("only row");
        }
        assertThat(accepted).isGreaterThan(40);
        assertThat(refused).isGreaterThan(40);
        assertThat(count(db)).isEqualTo(1);
    }

    @Test
    void refusalMessagesNameTheProblem() {
        Dialect pg = Dialect.of(Engine.POSTGRESQL);
        assertThatThrownBy(() -> select().from(Sql.table("'; DROP TABLE victims; --")).render(pg))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("invalid identifier ''; DROP TABLE victims; --': it contains the character ' at position "
                        + "0, which could end a quoted name; use a name of letters, digits and underscores");
        assertThatThrownBy(() -> select(VICTIMS.NAME.as("a\u0000b")).from(VICTIMS).render(Dialect.of(Engine.SQLITE)))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("invalid identifier 'a\\u0000b': it contains control character U+0000 at position 1; use "
                        + "a name of letters, digits and underscores");
        assertThatThrownBy(() -> select().from(Sql.table("x".repeat(65))).render(Dialect.of(Engine.MARIADB)))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("it is 65 characters long and MariaDB keeps at most 64");
        assertThatThrownBy(() -> select().from(Sql.table("`; DROP TABLE victims; --")).render(
                Dialect.of(Engine.MARIADB))).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("it contains the character ` at position 0");
        // Limits the engines apply silently or late are refused before sending, too.
        assertThatThrownBy(() -> select().from(Sql.table("\uff07".repeat(30))).render(pg))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("invalid identifier '" + "\\uff07".repeat(30) + "': it is 90 bytes long in UTF-8 and "
                        + "PostgreSQL keeps at most 63 bytes; use a name of letters, digits and underscores");
        assertThatThrownBy(() -> select().from(Sql.table("\ud834\udd1e")).render(Dialect.of(Engine.MARIADB)))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("it contains U+1D11E at position 0, outside the Basic Multilingual Plane");
    }
}
