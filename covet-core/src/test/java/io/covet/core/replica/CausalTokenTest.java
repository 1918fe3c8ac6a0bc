package io.covet.core.replica;

import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text form of causal tokens: round trips, and bad text refused with a message saying what is wrong. */
class CausalTokenTest {

    @Test
    void postgresTokensRoundTrip() {
        CausalToken token = CausalToken.parse("postgresql:0/3000148");
        assertThat(token.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(token.position()).isEqualTo("0/3000148");
        assertThat(token.asString()).isEqualTo("postgresql:0/3000148");
        assertThat(CausalToken.parse(token.asString())).isEqualTo(token).hasSameHashCodeAs(token);
    }

    @Test
    void mariaDbTokensWithSeveralDomainsStayCookieSafe() {
        CausalToken token = new CausalToken(Engine.MARIADB, "0-1-42,1-2-7");
        assertThat(token.asString()).isEqualTo("mariadb:0-1-42_1-2-7").matches("[A-Za-z0-9:/_-]+");
        CausalToken back = CausalToken.parse(token.asString());
        assertThat(back).isEqualTo(token);
        assertThat(back.position()).isEqualTo("0-1-42,1-2-7");
    }

    @Test
    void badTextIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CausalToken.parse("0/3000148"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not start with an engine name");
        assertThatThrownBy(() -> CausalToken.parse("oracle:0/1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no engine Covet knows");
        assertThatThrownBy(() -> CausalToken.parse("postgresql:0-1-42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no PostgreSQL position")
                .hasMessageContaining("a WAL LSN such as 0/3000148");
        assertThatThrownBy(() -> CausalToken.parse("mariadb:0/3000148"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a GTID list such as 0-1-42");
        assertThatThrownBy(() -> CausalToken.parse("mariadb:0-1-42'; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
        String huge = "postgresql:" + "0".repeat(10_000);
        assertThatThrownBy(() -> CausalToken.parse(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10011 characters")
                .hasMessageNotContaining("0000000000");
    }

    @Test
    void sqliteHasNoTokens() {
        assertThatThrownBy(() -> CausalToken.parse("sqlite:1"))
                .isInstanceOf(UnsupportedFeature.class)
                .hasMessageContaining("SQLite")
                .hasMessageContaining("use PostgreSQL (streaming standbys) or MariaDB (GTID replicas)");
    }
}
