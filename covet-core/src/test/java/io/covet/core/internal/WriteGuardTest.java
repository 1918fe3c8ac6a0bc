package io.covet.core.internal;

import io.covet.core.RawWritePolicy;
import io.covet.core.error.UnrecordedWrite;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tables a statement writes, as the raw-write guard reads them from its text, and the guard's decisions. */
class WriteGuardTest {

    @Test
    void findsTheTargetOfEachWriteForm() {
        assertThat(WriteGuard.writtenTables("INSERT INTO purse (a) VALUES (?)")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("insert ignore into `shop`.`Purse` values (1)")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("REPLACE INTO purse VALUES (1)")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("UPDATE \"public\".\"purse\" SET a = 1")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("update only purse set a = 1")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("DELETE FROM purse WHERE id = ?")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("TRUNCATE TABLE purse")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("COPY purse (a) FROM STDIN")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("MERGE INTO purse p USING x ON p.id = x.id WHEN MATCHED THEN DELETE"))
                .containsExactly("purse");
        // writes inside WITH, and behind comments
        assertThat(WriteGuard.writtenTables("WITH gone AS (DELETE FROM purse RETURNING id) SELECT count(*) FROM gone"))
                .containsExactly("purse");
        assertThat(WriteGuard.writtenTables("/* note */ -- x\n UPDATE purse SET a = 1")).containsExactly("purse");
    }

    @Test
    void readsLiteralsAndUpsertClausesAreNotWrites() {
        assertThat(WriteGuard.writtenTables("SELECT * FROM purse FOR UPDATE")).isEmpty();
        assertThat(WriteGuard.writtenTables("SELECT 'UPDATE purse SET a = 1' AS s")).isEmpty();
        assertThat(WriteGuard.writtenTables("INSERT INTO notes (t) VALUES ('delete from purse')"))
                .containsExactly("notes");
        assertThat(WriteGuard.writtenTables("INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2"))
                .containsExactly("t");
        assertThat(WriteGuard.writtenTables("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2"))
                .containsExactly("t");
        assertThat(WriteGuard.writtenTables("INSERT INTO purse_history SELECT * FROM purse")).containsExactly("purse_history");
    }

    @Test
    void dollarQuotedStringsAreLiteralsButDoBlockBodiesAreRead() {
        // PostgreSQL dollar quoting: the text is a value, and a quote inside it does not open a literal
        assertThat(WriteGuard.writtenTables("SELECT $$UPDATE purse SET a = 1$$ AS s")).isEmpty();
        assertThat(WriteGuard.writtenTables("INSERT INTO notes (t) VALUES ($q$delete from purse$q$)"))
                .containsExactly("notes");
        assertThat(WriteGuard.writtenTables("WITH x AS (SELECT $$it's$$ AS s) UPDATE purse SET a = 1"))
                .containsExactly("purse");
        assertThat(WriteGuard.writtenTables("SELECT $a$ $b$ update purse set a = 1 $b$ $a$, 1; DELETE FROM purse"))
                .containsExactly("purse");
        // positional parameters, $ inside names and an unclosed $ are not quotes
        assertThat(WriteGuard.writtenTables("UPDATE purse SET a = $1 WHERE b = $2")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("UPDATE a$b SET x = $1; UPDATE purse SET a = 1"))
                .containsExactly("a$b", "purse");
        assertThat(WriteGuard.writtenTables("SELECT '$tag$'; UPDATE purse SET a = 1; SELECT $tag$"))
                .containsExactly("purse");
        // a DO block runs its body now: its writes are seen, however the body is quoted
        assertThat(WriteGuard.writtenTables("DO $$BEGIN UPDATE purse SET a = 1; END$$")).containsExactly("purse");
        assertThat(WriteGuard.writtenTables("DO LANGUAGE plpgsql $body$ BEGIN DELETE FROM \"purse\"; END $body$"))
                .containsExactly("purse");
        assertThat(WriteGuard.writtenTables("do 'begin insert into purse values (1, ''x''); end'"))
                .containsExactly("purse");
        // a function body runs later, when called: not a write of this statement
        assertThat(WriteGuard.writtenTables("CREATE FUNCTION f() RETURNS void AS $$ UPDATE purse SET a = 1 $$ "
                + "LANGUAGE sql")).isEmpty();
    }

    @Test
    void knownLimitTheSecondTableOfAMultiTableUpdateIsNotSeen() {
        assertThat(WriteGuard.writtenTables("UPDATE a JOIN purse p ON p.id = a.id SET p.x = 1")).containsExactly("a");
    }

    @Test
    void refusesOutsideTheOwnerAndLetsTheOwnerThrough() {
        WriteGuard g = new WriteGuard("default", RawWritePolicy.REFUSE);
        g.check("UPDATE purse SET a = 1"); // nothing protected yet
        AtomicBoolean owner = new AtomicBoolean();
        g.protect(List.of("Purse"), owner::get);
        assertThatThrownBy(() -> g.check("UPDATE purse SET a = 1")).isInstanceOf(UnrecordedWrite.class)
                .hasMessageContaining("writes table purse of database 'default'")
                .hasMessageContaining("nothing was written");
        g.check("SELECT * FROM purse");
        g.check("UPDATE other SET a = 1");
        owner.set(true);
        g.check("UPDATE purse SET a = 1");
        WriteGuard log = new WriteGuard("default", RawWritePolicy.LOG);
        log.protect(List.of("purse"), () -> false);
        log.check("DELETE FROM purse"); // runs, with a warning
    }
}
