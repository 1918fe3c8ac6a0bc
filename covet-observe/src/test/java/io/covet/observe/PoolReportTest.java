package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.pool.PoolSettings;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolReportTest {

    @AllEngines
    void aReportReadsBackFromItsJsonWithEveryField(Scratch s) {
        Database db = s.open(b -> b.pool(PoolSettings.builder().maxSize(4).leakThreshold(Duration.ofMinutes(5))
                .build()));
        for (int i = 0; i < 5; i++) {
            db.sql("SELECT 1").list();
        }
        PoolReport report = db.withConnection(c -> PoolReport.of(Map.of("main", db.pool())));
        PoolReport.Entry e = report.pools().get(0);
        assertThat(e.database()).isEqualTo("main");
        assertThat(e.maxSize()).isEqualTo(4);
        assertThat(e.active()).isEqualTo(1);
        assertThat(e.checkouts()).isGreaterThanOrEqualTo(6);
        assertThat(e.leasesByCaller()).hasSize(1);
        assertThat(e.settings().leakThresholdMs()).isEqualTo(300_000);

        assertThat(PoolReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void textThatIsNotAReportIsRefusedWithTheReason() {
        assertThatThrownBy(() -> PoolReport.fromJson("<html>not found</html>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a pool report: ");
        assertThatThrownBy(() -> PoolReport.fromJson("{\"takenAt\":\"yesterday\",\"pools\":[]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a pool report: ");
    }
}
