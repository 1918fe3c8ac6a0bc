package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.Redaction;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Captures the plan of a slow SELECT with the engine's explain statement ({@code Database.dialect().explain},
 * {@code EXPLAIN QUERY PLAN} on SQLite), on a connection of its own taken straight from the pool, so it neither
 * joins the caller's transaction nor passes the interceptors again. Writes are never explained: {@code EXPLAIN} of
 * a write runs it on some engines ({@code EXPLAIN ANALYZE}) and a plan of a write is seldom the question.
 */
final class Explainer {
    private static final Logger LOG = LoggerFactory.getLogger(Explainer.class);

    private Explainer() {
    }

    static Optional<String> plan(DatabaseObserver db, StatementContext ctx, Redaction redaction) {
        if (ctx.operation() != Operation.SELECT
                || (ctx.kind() != StatementKind.QUERY && ctx.kind() != StatementKind.STREAM)
                || ctx.transaction().isPresent()) {
            return Optional.empty();
        }
        Optional<Database> attached = db.attached();
        if (attached.isEmpty()) {
            return Optional.empty();
        }
        Database database = attached.get();
        List<Object> values = ctx.unsafeParameterValues();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(database.dialect().explain(ctx.sql()))) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    for (int col = 1; col <= md.getColumnCount(); col++) {
                        if (col > 1) {
                            sb.append(" | ");
                        }
                        sb.append(rs.getString(col));
                    }
                    sb.append('\n');
                }
            }
            return Optional.of(mask(sb.toString().stripTrailing(), values, redaction));
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not capture the plan of slow shape {} on '{}': {}", ctx.fingerprint(), db.name,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * PostgreSQL's plans quote bound values ({@code Index Cond: (email = 'x')}): unless values are shown, each
     * text value is masked in the plan as it is in the log.
     */
    static String mask(String plan, List<Object> values, Redaction redaction) {
        String out = plan;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            Object shown = redaction.redact(i, v);
            if (v instanceof CharSequence s && s.length() > 0 && shown != v) {
                out = out.replace(s.toString(), String.valueOf(shown));
            }
        }
        return out;
    }
}
