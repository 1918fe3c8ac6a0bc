package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.pipeline.Operation;
import io.covet.testing.Recorder;
import io.covet.core.pipeline.StatementKind;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups read and restores write on raw connections; the databases' interceptors still see their statements,
 * and a restore's row loading arrives as a BULK_LOAD naming its table. (From PostgreSQL into PostgreSQL a
 * restore sends rows with binary COPY through the driver's own API, which the pipeline does not see.)
 */
class PipelineSeesBackupsTest {
    @TempDir
    Path dir;

    @AllEngines
    void interceptorsSeeWhatABackupReadsAndARestoreWrites(Scratch s) throws Exception {
        Shop.create(s.db());
        Shop.fill(s.db(), 10);
        Recorder source = new Recorder();
        Database db = s.open(b -> b.interceptor(source));
        try (BackupRepository repo = BackupRepository.open(dir.toString());
             Scratch target = Scratch.on(s.engine())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            assertThat(source.of(StatementKind.RAW)).isNotEmpty()
                    .anySatisfy(x -> assertThat(x.context().operation()).isEqualTo(Operation.SELECT));

            Recorder sink = new Recorder();
            Database into = target.open(o -> o.interceptor(sink));
            RestoreReport r = Backups.restore(repo, b.id(), null, into, false);
            assertThat(r.rows()).isEqualTo(b.rows());
            assertThat(sink.of(StatementKind.RAW))
                    .anySatisfy(x -> assertThat(x.context().operation()).isEqualTo(Operation.DDL));
            if (s.engine() != Engine.POSTGRESQL) {
                assertThat(sink.of(StatementKind.BULK_LOAD)).anySatisfy(x -> {
                    // qualified when the restore writes into a staging schema first
                    assertThat(x.context().tables()).singleElement().asString().matches("(.+\\.)?customer");
                    assertThat(x.outcome().rowCount()).isEqualTo(10);
                });
            }
            assertThat(Shop.snapshot(into)).isEqualTo(Shop.snapshot(db));
        }
    }
}
