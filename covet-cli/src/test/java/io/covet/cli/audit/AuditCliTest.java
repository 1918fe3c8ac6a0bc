package io.covet.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.cli.CliRun;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.Audit;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static io.covet.cli.CliRun.covet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code covet audit} on each engine: log with its filters and JSON, seal, verify exit codes (0 intact; 1 naming
 * the position of a row edited and of a row deleted behind Covet's back; 2 bad usage), prune and erase leaving a
 * chain that verifies.
 */
class AuditCliTest {

    static String url(Scratch s, Database db) {
        return s.engine() == Engine.SQLITE ? "sqlite:" + db.sql("PRAGMA database_list").list().get(0).getString("file")
                : s.url();
    }

    /** A tracked table {@code item} with history and triggers, made from the schema API as a migration would. */
    static void tracked(Database db) {
        Table src = Table.of("item", List.of(Column.autoIncrement("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("name", ColumnType.varchar(40)), Column.of("qty", ColumnType.of(ColumnType.Kind.INTEGER))),
                List.of("id"));
        Table hist = HistoryTable.of(src, "item_history", List.of("id", "name", "qty"));
        SchemaDdl ddl = SchemaDdl.of(db.dialect());
        ddl.createTable(src).forEach(s -> db.sql(s).execute());
        ddl.createTable(hist).forEach(s -> db.sql(s).execute());
        HistoryTriggers.of(db.dialect()).create(src, hist).forEach(s -> db.sql(s).execute());
    }

    static void behindTheBack(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            st.executeUpdate(sql);
        }
    }

    @AllEngines
    void logSealVerifyPruneErase(Scratch s) throws Exception {
        Database db = s.db();
        tracked(db);
        String url = url(s, db);
        Audit.as(db, "alice", "stock", () -> db.sql("INSERT INTO item (name, qty) VALUES ('nut', 1), ('bolt', 2)")
                .execute());
        Audit.as(db, "bob", "count", () -> db.sql("UPDATE item SET qty = 5 WHERE name = 'nut'").execute());

        CliRun log = covet("audit", "log", "-d", url);
        assertThat(log.exit()).as(log.err()).isZero();
        assertThat(log.out().lines().toList()).hasSize(3);
        assertThat(log.out()).contains(" item 1 ~ by bob (count): qty 1 -> 5");
        CliRun bob = covet("audit", "log", "-d", url, "--user", "bob", "--json");
        JsonNode entries = new ObjectMapper().readTree(bob.out()).get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("changes").get("qty").toString()).isEqualTo("[\"1\",\"5\"]");
        assertThat(covet("audit", "log", "-d", url, "--model", "item", "--pk", "2").out().lines()).hasSize(1);
        assertThat(covet("audit", "log", "-d", url, "--since", "2999-01-01").out()).contains("No audit entries.");

        CliRun nope = covet("audit", "log", "-d", url, "--model", "nope");
        assertThat(nope.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(nope.err()).contains("nope has no history table; tracked tables: [item]");
        CliRun badTime = covet("audit", "log", "-d", url, "--since", "yesterday");
        assertThat(badTime.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badTime.err()).contains("--since 'yesterday' is not a time");

        assertThat(covet("audit", "seal", "-d", url).out()).contains("Sealed 3 new audit entries.");
        CliRun ok = covet("audit", "verify", "-d", url, "--json");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        String head = new ObjectMapper().readTree(ok.out()).get("head").asText();
        assertThat(covet("audit", "verify", "-d", url, "--head", head).exit()).isZero();

        behindTheBack(db, "UPDATE item_history SET qty = 7 WHERE change_type = '~'");
        CliRun edited = covet("audit", "verify", "-d", url);
        assertThat(edited.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(edited.out()).contains("position 3: item_history history_id 3 was edited after it was sealed");
        assertThat(edited.err()).contains("first at position 3");
        behindTheBack(db, "UPDATE item_history SET qty = 5 WHERE change_type = '~'");
        behindTheBack(db, "DELETE FROM item_history WHERE history_id = 2");
        CliRun deleted = covet("audit", "verify", "-d", url, "--json");
        assertThat(deleted.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode p = new ObjectMapper().readTree(deleted.out()).get("problems");
        assertThat(p).hasSize(1);
        assertThat(p.get(0).get("position").asLong()).isEqualTo(2);
        assertThat(p.get(0).get("message").asText()).contains("history_id 2 was deleted");
        // cut the end of the chain: only a kept head hash notices
        behindTheBack(db, "DELETE FROM covet_audit_chain WHERE seq = 3");
        CliRun cut = covet("audit", "verify", "-d", url, "--head", head);
        assertThat(cut.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(cut.out()).contains("no entry has the head hash " + head);
    }

    @AllEngines
    void pruneAndEraseThenVerify(Scratch s) throws Exception {
        Database db = s.db();
        tracked(db);
        String url = url(s, db);
        db.sql("INSERT INTO item (name, qty) VALUES ('nut', 1)").execute();
        db.sql("INSERT INTO item (name, qty) VALUES ('bolt', 1)").execute();
        db.sql("UPDATE item SET qty = 2 WHERE name = 'nut'").execute();
        CliRun pruned = covet("audit", "prune", "-d", url, "--before", "2999-01-01T00:00:00Z");
        assertThat(pruned.exit()).as(pruned.err()).isZero();
        assertThat(pruned.out()).contains("Pruned 1 versions that ended at or before 2999-01-01T00:00:00Z.");
        CliRun erased = covet("audit", "erase", "-d", url, "--model", "item", "--pk", "2");
        assertThat(erased.out()).contains("Erased 1 versions of item 2.");
        CliRun ok = covet("audit", "verify", "-d", url);
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("Audit chain: 5 entries");
        assertThat(covet("audit", "log", "-d", url).out().lines().toList()).hasSize(1);
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun r = covet("audit", "prune", "-d", "sqlite::memory:");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Missing required option: '--before=TIME'");
        assertThat(covet("audit", "verify", "--bogus").exit()).isEqualTo(ExitCode.USAGE);
    }
}
