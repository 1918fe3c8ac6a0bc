package io.covet.backup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryTargetTest {

    @Test
    void writesOneSettingPerKindAndPromotesAtTheTarget() {
        assertThat(RecoveryTarget.latest().settings()).isEmpty();
        assertThat(RecoveryTarget.time("2026-11-27 05:30:00+00").settings())
                .isEqualTo("recovery_target_time = '2026-11-27 05:30:00+00'\nrecovery_target_action = 'promote'\n");
        assertThat(RecoveryTarget.lsn("0/3000148").settings()).startsWith("recovery_target_lsn = '0/3000148'\n");
        assertThat(RecoveryTarget.xid("771").settings()).startsWith("recovery_target_xid = '771'\n");
    }

    @Test
    void refusesValuesThatAreNotTargetsBeforeTheyReachTheConfiguration() {
        assertThatThrownBy(() -> RecoveryTarget.time("2026-11-27' \nrestore_command = 'rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a timestamp");
        assertThatThrownBy(() -> RecoveryTarget.time(" ")).hasMessageContaining("is not a timestamp");
        assertThatThrownBy(() -> RecoveryTarget.lsn("3000148")).hasMessageContaining("is not a WAL position");
        assertThatThrownBy(() -> RecoveryTarget.xid("77x")).hasMessageContaining("is not a number");
    }
}
