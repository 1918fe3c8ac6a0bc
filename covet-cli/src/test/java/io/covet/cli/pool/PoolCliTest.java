package io.covet.cli.pool;

import io.covet.cli.CliRun;
import io.covet.cli.common.ExitCode;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

class PoolCliTest {

    @AllEngines
    void poolStatsPrintsTheOpenedPoolAsTableAndJson(Scratch s) {
        s.db(); // creates the scratch database (and the SQLite file)
        CliRun table = covet("pool", "stats", "-d", s.url());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("database").contains("acq p99").contains("default")
                .contains("default: sizing=fixed");
        CliRun json = covet("pool", "stats", "--json", "-d", s.url());
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"database\" : \"default\"").contains("\"maxSize\"")
                .contains("\"acquireP99Micros\"").contains("\"sizing\" : \"fixed\"");
    }

    @org.junit.jupiter.api.Test
    void poolStatsOfAnEndpointThatIsNotThereIsOneLineAndAFailure() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CliRun r = covet("pool", "stats", "--url", "http://127.0.0.1:" + port);
        assertThat(r.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.err()).contains("cannot reach http://127.0.0.1:" + port).contains("is `covet serve`");
        CliRun bad = covet("pool", "stats", "--url", "ftp://example");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("--url must be an http:// or https:// address");
        CliRun both = covet("pool", "stats", "--url", "http://127.0.0.1:" + port, "-d", "sqlite::memory:");
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @org.junit.jupiter.api.Test
    void poolStatsRefusesAMissingSqliteFile() {
        CliRun r = covet("pool", "stats", "-d", "sqlite:/nonexistent/dir/none.db");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("does not exist; check the path");
    }
}
