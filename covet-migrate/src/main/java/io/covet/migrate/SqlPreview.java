package io.covet.migrate;

import io.covet.core.dialect.Dialect;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The SQL a migration runs on an engine ({@code sqlmigrate}), rendered offline: no database is touched. */
public final class SqlPreview {
    private SqlPreview() {
    }

    /**
     * One line per statement ({@code ;}-terminated), each operation introduced by a {@code --} comment; Java steps
     * appear as comments.
     *
     * @throws IrreversibleOperation for {@code backwards} on an irreversible migration
     */
    public static List<String> sql(MigrationGraph graph, MigrationKey key, Dialect dialect, boolean backwards) {
        Migration m = graph.require(key);
        Set<MigrationKey> before = new HashSet<>(graph.ancestors(key));
        before.remove(key);
        Schema s = graph.state(before::contains).schema();
        SchemaDdl ddl = SchemaDdl.of(dialect);
        List<Schema> states = new ArrayList<>();
        for (Operation o : m.operations()) {
            states.add(s);
            s = o.apply(s);
        }
        List<String> out = new ArrayList<>();
        List<Operation> ops = m.operations();
        for (int k = 0; k < ops.size(); k++) {
            int i = backwards ? ops.size() - 1 - k : k;
            Operation o = ops.get(i);
            out.add("-- " + (backwards ? "Undo " : "") + o.describe());
            for (Step step : backwards ? Operation.backwardSteps(o, states.get(i), ddl)
                    : Operation.forwardSteps(o, states.get(i), ddl)) {
                out.add(step instanceof Step.Sql q ? q.sql() + ";" : step.toString());
            }
        }
        return out;
    }
}
