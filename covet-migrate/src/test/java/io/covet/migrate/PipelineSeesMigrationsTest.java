package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.pipeline.ConnectionContext;
import io.covet.core.pipeline.Operation;
import io.covet.testing.Recorder;
import io.covet.core.pipeline.StatementKind;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations run their SQL on a raw connection; the database's interceptors still see every statement. */
class PipelineSeesMigrationsTest {

    @AllEngines
    void interceptorsSeeTheDdlAndHistoryWritesOfAMigration(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        Migrator migrator = Migrator.builder(db, List.of(Shop.m1())).build();
        assertThat(migrator.migrate(Target.latest())).hasSize(1);

        List<Recorder.Seen> raw = rec.of(StatementKind.RAW);
        assertThat(raw).anySatisfy(x -> {
            assertThat(x.context().operation()).isEqualTo(Operation.DDL);
            assertThat(x.context().sql()).containsIgnoringCase("CREATE TABLE").contains("customer");
            assertThat(x.outcome().succeeded()).isTrue();
        });
        assertThat(raw).anySatisfy(x -> {
            assertThat(x.context().operation()).isEqualTo(Operation.INSERT);
            assertThat(x.context().sql()).contains("covet_migrations");
            assertThat(x.context().parameterCount()).isPositive();
        });
        assertThat(raw).allSatisfy(x -> assertThat(x.context().redirectable()).isFalse());
        assertThat(rec.acquired).extracting(ConnectionContext::purpose).contains(ConnectionContext.Purpose.RAW);
        assertThat(rec.released).hasSameSizeAs(rec.acquired);
        // the migration really ran through the wrapped connection
        assertThat(db.sql("SELECT COUNT(*) FROM covet_migrations").list(rs -> rs.getLong(1))).containsExactly(1L);
    }
}
