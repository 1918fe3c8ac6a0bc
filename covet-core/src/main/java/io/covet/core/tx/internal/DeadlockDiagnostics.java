package io.covet.core.tx.internal;

import io.covet.core.engine.Engine;
import io.covet.core.internal.EngineSpecifics;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Captures the engine's own account of a deadlock, on the victim's connection right after its rollback (the
 * surviving transaction still holds its locks): PostgreSQL's locks of this database joined with
 * {@code pg_stat_activity} (with who blocks whom), MariaDB's LATEST DETECTED DEADLOCK section of
 * {@code SHOW ENGINE INNODB STATUS} (needs the PROCESS privilege); each engine's
 * {@link EngineSpecifics#deadlockReport} reads its own.
 */
final class DeadlockDiagnostics {
    private DeadlockDiagnostics() {
    }

    static String capture(Engine engine, Connection c) {
        try {
            return EngineSpecifics.of(engine).deadlockReport(c);
        } catch (SQLException | RuntimeException e) {
            return "deadlock diagnostics unavailable: " + e.getMessage();
        }
    }
}
