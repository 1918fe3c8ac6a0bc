package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;

/** Renames a table; foreign keys pointing at it follow (the engines update them, the state does too). */
public record RenameModel(String from, String to) implements Operation {
    @Override
    public Schema apply(Schema before) {
        return before.renamed(from, to);
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        before.require(from);
        return Operation.sql(ddl.renameTable(from, to));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.renameTable(to, from));
    }

    @Override
    public String describe() {
        return "Rename model " + from + " to " + to;
    }
}
