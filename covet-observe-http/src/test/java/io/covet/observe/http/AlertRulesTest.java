package io.covet.observe.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped alerting rules pass Prometheus' own tools: {@code promtool check rules} (syntax, PromQL, templates)
 * and {@code promtool test rules} (each alert fires on a series over its threshold and stays silent otherwise).
 */
class AlertRulesTest {

    /**
     * The result of one promtool run.
     *
     * @param exit   its exit code
     * @param output what it printed, stdout and stderr together
     */
    record Run(int exit, String output) {
    }

    static Run promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Tools.promtool().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void promtoolChecksTheRules() throws Exception {
        Path dir = ShippedQueries.alertRules().getParent();
        Run check = promtool(dir, "check", "rules", "covet-alerts.yml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + ShippedQueries.alertCount() + " rules found");
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        Run test = promtool(ShippedQueries.alertRules().getParent(), "test", "rules", "covet-alerts-test.yml");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void theUnitTestsCatchAThresholdThatDrifted(@TempDir Path dir) throws Exception {
        Path source = ShippedQueries.alertRules().getParent();
        String rules = Files.readString(source.resolve("covet-alerts.yml"));
        assertThat(rules).contains("rate(db_client_operation_duration_seconds_count[5m])) > 0.05");
        // An error-rate alert at 50% would stay silent on the test's 10% error rate.
        Files.writeString(dir.resolve("covet-alerts.yml"),
                rules.replace("rate(db_client_operation_duration_seconds_count[5m])) > 0.05",
                        "rate(db_client_operation_duration_seconds_count[5m])) > 0.5"));
        Files.copy(source.resolve("covet-alerts-test.yml"), dir.resolve("covet-alerts-test.yml"));
        Run test = promtool(dir, "test", "rules", "covet-alerts-test.yml");
        assertThat(test.exit()).isNotZero();
        assertThat(test.output()).contains("FAILED").contains("CovetHighErrorRate");
    }
}
