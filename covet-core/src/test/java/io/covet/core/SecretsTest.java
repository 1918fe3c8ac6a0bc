package io.covet.core;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Passwords never appear in toString(), exception messages, stack traces or logs. */
class SecretsTest {
    private static final String SECRET = "Zq9-very-secret-Xw7";

    @AllEngines
    void wrongPasswordFailureNamesTheServerButNotThePassword(Scratch s) {
        if (s.engine() == Engine.SQLITE) {
            DatabaseConfig c = DatabaseConfig.builder("default").url("sqlite:/no-such-dir/x.db").password(SECRET).build();
            assertThat(c.toString()).doesNotContain(SECRET);
            return;
        }
        DatabaseUrl real = DatabaseUrl.parse(s.url());
        String url = real.engine().scheme() + "://" + real.user().orElseThrow() + ":" + SECRET + "@" + real.location()
                + "/" + (s.engine() == Engine.POSTGRESQL ? "covet_test" : real.database());
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Throwable e;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            e = catchThrowable(() -> Database.open(url));
        } finally {
            System.setErr(original);
        }
        assertThat(e).isInstanceOf(ConnectionFailure.class).hasMessageContaining(real.location())
                .hasMessageContaining("check the user name and password");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
        assertThat(DatabaseConfig.builder("default").url(url).build().toString()).doesNotContain(SECRET).contains("***");
    }

    @AllEngines
    void openDatabaseDescribesItselfWithoutCredentials(Scratch s) {
        Database db = s.db();
        String password = DatabaseUrl.parse(s.url()).password().orElse("covet-test-password-placeholder");
        assertThat(db.toString()).contains(s.engine().displayName()).doesNotContain(":" + password + "@");
        assertThat(db.config().toString()).doesNotContain(":" + password + "@");
    }
}
