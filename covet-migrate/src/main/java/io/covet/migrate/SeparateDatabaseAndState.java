package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code database} operations against the database while applying {@code state} operations to the state
 * only: for SQL the state cannot follow, or to tell the state about a change made by hand.
 */
public record SeparateDatabaseAndState(List<Operation> database, List<Operation> state) implements Operation {
    /** Copies both lists. */
    public SeparateDatabaseAndState {
        database = List.copyOf(database);
        state = List.copyOf(state);
    }

    @Override
    public Schema apply(Schema before) {
        Schema s = before;
        for (Operation o : state) {
            s = o.apply(s);
        }
        return s;
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        List<Step> out = new ArrayList<>();
        Schema s = before;
        for (Operation o : database) {
            out.addAll(Operation.forwardSteps(o, s, ddl));
            s = o.apply(s);
        }
        return out;
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        List<Schema> states = new ArrayList<>();
        Schema s = before;
        for (Operation o : database) {
            states.add(s);
            s = o.apply(s);
        }
        List<Step> out = new ArrayList<>();
        for (int i = database.size() - 1; i >= 0; i--) {
            out.addAll(Operation.backwardSteps(database.get(i), states.get(i), ddl));
        }
        return out;
    }

    @Override
    public boolean reversible() {
        return database.stream().allMatch(Operation::reversible);
    }

    @Override
    public String describe() {
        return "Custom state/database change combination (" + database.size() + " database, " + state.size()
                + " state operation(s))";
    }
}
