package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.orm.audit.AuditEntry;
import io.covet.orm.audit.AuditFilter;
import io.covet.orm.audit.AuditTrail;
import io.covet.orm.audit.Verification;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cross-model audit log and its hash chain, on each engine: the log shows who changed which field from what to
 * what; rows edited or deleted behind Covet's back (plain JDBC, as another client would) are reported with their
 * chain position, and so are edits to the chain itself; prune and erase delete versions yet keep the chain
 * verifiable, and a tampered list of what they deleted is reported.
 */
class AuditTrailTest {

    /** Runs SQL on a plain JDBC connection, outside Covet's statement pipeline. */
    static void behindTheBack(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            st.executeUpdate(sql);
        }
    }

    private static List<String> problems(AuditTrail trail) {
        return trail.verify().problems().stream().map(p -> p.position() + " " + p.message()).toList();
    }

    private static Instant t(Database db, String sql) {
        String s = db.sql(sql).list().get(0).getString("t");
        return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    @AllEngines
    void logShowsWhoChangedWhatAndVerifyFindsTampering(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        Account a = Audit.as(db, "alice", "open", () -> orm.save(new Account("ann", 10)));
        Account b = orm.save(new Account("bob", 20));
        a.balance(15);
        Audit.as(db, "bob", "raise", () -> orm.save(a));
        Audit.as(db, "carol", "close", () -> orm.delete(b));

        AuditTrail trail = AuditTrail.of(db);
        assertThat(trail.models()).containsExactly("account");
        List<AuditEntry> log = trail.log(AuditFilter.all());
        assertThat(log).extracting(e -> e.model() + " " + e.key() + " " + e.change() + " " + e.user() + " "
                + e.reason()).containsExactly("account " + a.id() + " + alice open", "account " + b.id() + " + null null",
                "account " + a.id() + " ~ bob raise", "account " + b.id() + " - carol close");
        assertThat(log.get(2).changes()).containsOnlyKeys("balance");
        assertThat(log.get(2).changes().get("balance")).isEqualTo(new Version.Change("10", "15"));
        assertThat(log.get(3).changes().get("owner")).isEqualTo(new Version.Change("bob", null));
        assertThat(trail.log(new AuditFilter(null, null, "bob", null))).hasSize(1);
        assertThat(trail.log(new AuditFilter("account", String.valueOf(a.id()), null, null))).hasSize(2);
        assertThat(trail.log(new AuditFilter(null, null, null, log.get(3).at()))).extracting(AuditEntry::change)
                .contains("-");
        assertThatThrownBy(() -> trail.log(new AuditFilter("nope", null, null, null)))
                .isInstanceOf(OrmUsageException.class).hasMessageContaining("nope has no history table");

        // nothing sealed yet: nothing to check, every row unsealed
        assertThat(trail.verify().unsealed()).isEqualTo(4);
        assertThat(trail.seal()).isEqualTo(4);
        assertThat(trail.seal()).isZero();
        Verification ok = trail.verify();
        assertThat(ok.ok()).isTrue();
        assertThat(ok.entries()).isEqualTo(4);
        assertThat(ok.unsealed()).isZero();

        // a later write is unsealed until the next seal
        a.balance(16);
        orm.save(a);
        assertThat(trail.verify().unsealed()).isEqualTo(1);
        assertThat(trail.seal()).isEqualTo(1);

        // edit a sealed version behind Covet's back: named with its position (3rd sealed: bob's raise)
        long raise = log.get(2).historyId();
        behindTheBack(db, "UPDATE account_history SET balance = 99 WHERE history_id = " + raise);
        assertThat(problems(trail)).containsExactly("3 account_history history_id " + raise
                + " was edited after it was sealed");
        behindTheBack(db, "UPDATE account_history SET balance = 15 WHERE history_id = " + raise);
        assertThat(trail.verify().ok()).isTrue();
        // the trigger closing a version (valid_to) is not an edit: the 16 above closed the sealed raise

        // delete a sealed version
        long first = log.get(0).historyId();
        behindTheBack(db, "DELETE FROM account_history WHERE history_id = " + first);
        assertThat(problems(trail)).containsExactly("1 account_history history_id " + first
                + " was deleted (no prune or erase recorded it)");

        // edit and delete chain entries
        behindTheBack(db, "UPDATE covet_audit_chain SET content_hash = '" + "0".repeat(64) + "' WHERE seq = 4");
        assertThat(problems(trail)).contains("4 the chain entry itself was edited");
        behindTheBack(db, "DELETE FROM covet_audit_chain WHERE seq = 2");
        assertThat(problems(trail)).contains("2 entries 2..2 were deleted from covet_audit_chain");
        assertThat(trail.verify().ok()).isFalse();
    }

    @AllEngines
    void pruneAndEraseKeepTheChainVerifiable(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = HistoryCaptureTest.migrated(db);
        Account a = Audit.as(db, "alice", "open", () -> orm.save(new Account("ann", 1)));
        Account b = Audit.as(db, "alice", "open", () -> orm.save(new Account("bob", 1)));
        for (int i = 2; i <= 3; i++) {
            a.balance(i);
            Audit.as(db, "alice", "raise", () -> orm.save(a));
        }
        AuditTrail trail = AuditTrail.of(db);
        trail.seal();
        Instant cut = t(db, "SELECT MAX(valid_to) AS t FROM account_history");

        // prune: a's two closed versions go; a's current version and b stay; the chain still verifies
        assertThat(trail.prune(cut)).isEqualTo(2);
        assertThat(orm.history(a)).extracting(v -> v.state().balance()).containsExactly(3);
        Verification v = trail.verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.entries()).isEqualTo(5); // four rows + the prune marker

        // erase b's history (GDPR): gone from the log, chain verifies, marker recorded
        assertThat(trail.erase("account", String.valueOf(b.id()))).isEqualTo(1);
        assertThat(trail.log(new AuditFilter("account", String.valueOf(b.id()), null, null))).isEmpty();
        assertThat(trail.verify().ok()).isTrue();
        assertThat(trail.verify().entries()).isEqualTo(6);
        assertThat(db.sql("SELECT note FROM covet_audit_chain WHERE kind = 'erase'").list().get(0).getString("note"))
                .isEqualTo("erase of 1 versions: every version of account key " + b.id());

        // hiding a deletion by adding it to a marker's released list is evident
        long current = orm.history(a).size();
        assertThat(current).isEqualTo(1);
        behindTheBack(db, "DELETE FROM account_history");
        assertThat(problems(trail)).hasSize(1).first().asString().endsWith("was deleted (no prune or erase recorded it)");
        behindTheBack(db, "INSERT INTO covet_audit_released (marker, history_table, history_id) SELECT 5, "
                + "history_table, history_id FROM covet_audit_chain WHERE seq = 4");
        assertThat(problems(trail)).containsExactly("5 the rows released by this prune marker (prune of 2 versions: "
                + "versions that ended at or before " + cut + ") were altered in covet_audit_released");
        assertThatThrownBy(() -> trail.erase("nope", "1")).hasMessageContaining("nope has no history table");
    }
}
