package io.covet.core.dialect;

import io.covet.core.engine.Engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialectTest {
    private final Dialect pg = Dialect.of(Engine.POSTGRESQL);
    private final Dialect maria = Dialect.of(Engine.MARIADB);
    private final Dialect sqlite = Dialect.of(Engine.SQLITE);

    @Test
    void quotesPerEngine() {
        assertThat(pg.quote("Order")).isEqualTo("\"Order\"");
        assertThat(maria.quote("Order")).isEqualTo("`Order`");
        assertThat(sqlite.quote("select")).isEqualTo("\"select\"");
    }

    @Test
    void refusesCharactersThatCouldEndAQuotedName() {
        for (String bad : new String[]{"a\"b", "a`b", "a'b", "a\\b", "a\u0000b", "a\nb", "a\u2028b"}) {
            assertThatThrownBy(() -> sqlite.quote(bad)).isInstanceOf(InvalidIdentifierException.class)
                    .hasMessageStartingWith("invalid identifier");
        }
        assertThatThrownBy(() -> pg.quote("")).hasMessageContaining("must not be empty");
    }

    @Test
    void postgresqlCountsBytesNotCharacters() {
        String ascii63 = "a".repeat(63);
        assertThat(pg.quote(ascii63)).hasSize(65);
        String accented = "é".repeat(32); // 32 characters, 64 bytes: PostgreSQL would truncate it silently
        assertThatThrownBy(() -> pg.quote(accented)).isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("64 bytes long in UTF-8 and PostgreSQL keeps at most 63 bytes");
        assertThat(maria.quote(accented)).isNotNull();
    }

    @Test
    void mariadbRefusesWhatItWouldAlterOrReject() {
        assertThatThrownBy(() -> maria.quote(" lead")).hasMessageContaining("starts or ends with a space");
        assertThatThrownBy(() -> maria.quote("trail ")).hasMessageContaining("starts or ends with a space");
        assertThatThrownBy(() -> maria.quote("emoji\uD83D\uDE00")).hasMessageContaining("U+1F600");
        assertThat(sqlite.quote("emoji\uD83D\uDE00")).isNotNull();
        assertThat(pg.quote(" spaced ")).isEqualTo("\" spaced \"");
    }

    @Test
    void namesReadFromTheDatabaseAreQuotedByDoublingTheQuoteCharacter() {
        assertThat(pg.quoteExisting("he said \"hi\"")).isEqualTo("\"he said \"\"hi\"\"\"");
        assertThat(sqlite.quoteExisting("a`b'c")).isEqualTo("\"a`b'c\"");
        assertThat(maria.quoteExisting("a`b\"c")).isEqualTo("`a``b\"c`");
        assertThat(maria.quoteExistingInto(new StringBuilder("x."), "Größe").toString()).isEqualTo("x.`Größe`");
        assertThatThrownBy(() -> pg.quoteExisting("")).isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> pg.quoteExisting("a\u0000b")).hasMessageContaining("NUL");
    }
}
