package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void parsesServerUrlsWithEncodedCredentialsAndParameters() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://app%40corp:p%3Ass%2Fw0rd@db.example.com:6432/shop?sslmode=require&connectTimeout=5");
        assertThat(u.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(u.user()).hasValue("app@corp");
        assertThat(u.password()).hasValue("p:ss/w0rd");
        assertThat(u.host()).hasValue("db.example.com");
        assertThat(u.port()).isEqualTo(6432);
        assertThat(u.database()).isEqualTo("shop");
        assertThat(u.parameters()).containsEntry("sslmode", "require").containsEntry("connectTimeout", "5");
        assertThat(u.toString()).isEqualTo("postgresql://app@corp:***@db.example.com:6432/shop?sslmode=require&connectTimeout=5");
    }

    @Test
    void defaultsPortsAndAcceptsAliasesAndIpv6() {
        assertThat(DatabaseUrl.parse("postgres://h/db").port()).isEqualTo(5432);
        assertThat(DatabaseUrl.parse("mariadb://h/db").port()).isEqualTo(3306);
        assertThat(DatabaseUrl.parse("mysql://h/db").engine()).isEqualTo(Engine.MYSQL);
        DatabaseUrl v6 = DatabaseUrl.parse("postgresql://u@[::1]:5433/db");
        assertThat(v6.host()).hasValue("::1");
        assertThat(v6.location()).isEqualTo("[::1]:5433");
    }

    @Test
    void parsesSqliteFilesAndMemory() {
        assertThat(DatabaseUrl.parse("sqlite:data/app.db").database()).isEqualTo("data/app.db");
        assertThat(DatabaseUrl.parse("sqlite:/var/lib/app.db").database()).isEqualTo("/var/lib/app.db");
        assertThat(DatabaseUrl.parse("sqlite://rel.db").database()).isEqualTo("rel.db");
        assertThat(DatabaseUrl.parse("sqlite::memory:").inMemory()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://u:secret@h:abc/db | the port 'abc' is not a number",
            "postgresql://u:secret@h:70000/db | the port 70000 is out of range",
            "postgresql://u:secret@h:5432 | the database name is missing",
            "postgresql://u:secret@:5432/db | the host is missing",
            "postgresql:u@h/db | expected '//' after 'postgresql:'",
            "oracle://h/db | unknown scheme 'oracle'; supported schemes are postgresql, mariadb, mysql, sqlite",
            "localhost/db | it has no scheme",
            "sqlite: | the SQLite file path is missing",
            "mariadb://:secret@h/db | the user name before '@' is empty",
    })
    void malformedUrlsNameTheWrongPartAndNeverEchoThePassword(String url, String expected) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("secret");
    }

    @Test
    void emptyUrlSaysWhatToGive() {
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sqlite:covet.db");
    }

    @Test
    void secretLookingParametersAreMasked() {
        assertThat(DatabaseUrl.parse("postgresql://h/db?sslpassword=xyz&sslkey=/k").toString())
                .doesNotContain("xyz").doesNotContain("/k").contains("sslpassword=***");
    }

    @Test
    void missingFileNamesOnlyAnEmbeddedFileThatDoesNotExistYet(@TempDir Path dir) throws Exception {
        Path absent = dir.resolve("typo.db");
        assertThat(DatabaseUrl.parse("sqlite:" + absent).missingFile()).contains(absent);
        Path present = Files.createFile(dir.resolve("app.db"));
        assertThat(DatabaseUrl.parse("sqlite:" + present).missingFile()).isEmpty();
        assertThat(DatabaseUrl.parse("sqlite::memory:").missingFile()).isEmpty();
        assertThat(DatabaseUrl.parse("postgresql://u@localhost:5432/" + absent.getFileName()).missingFile()).isEmpty();
        assertThat(absent).doesNotExist();
    }
}
