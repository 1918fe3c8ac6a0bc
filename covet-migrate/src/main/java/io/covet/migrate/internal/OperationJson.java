package io.covet.migrate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covet.migrate.AddConstraint;
import io.covet.migrate.AddField;
import io.covet.migrate.AddIndex;
import io.covet.migrate.AlterEnumType;
import io.covet.migrate.AlterField;
import io.covet.migrate.AlterUniqueTogether;
import io.covet.migrate.CreateDomain;
import io.covet.migrate.CreateExtension;
import io.covet.migrate.CreateHistoryTriggers;
import io.covet.migrate.CreateModel;
import io.covet.migrate.DropHistoryTriggers;
import io.covet.migrate.DeleteModel;
import io.covet.migrate.Operation;
import io.covet.migrate.RemoveConstraint;
import io.covet.migrate.RemoveField;
import io.covet.migrate.RemoveIndex;
import io.covet.migrate.RenameField;
import io.covet.migrate.RenameModel;
import io.covet.migrate.RunJava;
import io.covet.migrate.RunSql;
import io.covet.migrate.SeparateDatabaseAndState;

import java.util.ArrayList;
import java.util.List;

import static io.covet.migrate.internal.SchemaJson.F;
import static io.covet.migrate.internal.SchemaJson.req;
import static io.covet.migrate.internal.SchemaJson.strings;

/** Operations to and from JSON; the {@code op} field names the operation as Django does. */
public final class OperationJson {
    private OperationJson() {
    }

    public static ObjectNode write(Operation o) {
        ObjectNode n = F.objectNode();
        if (o instanceof CreateModel c) {
            n.put("op", "CreateModel");
            n.set("table", SchemaJson.table(c.table()));
        } else if (o instanceof DeleteModel d) {
            n.put("op", "DeleteModel").put("table", d.table());
        } else if (o instanceof RenameModel r) {
            n.put("op", "RenameModel").put("from", r.from()).put("to", r.to());
        } else if (o instanceof AddField a) {
            n.put("op", "AddField").put("table", a.table());
            n.set("column", SchemaJson.column(a.column()));
            if (a.oneOffDefault() != null) {
                    n.set("one_off_default", SchemaJson.dflt(a.oneOffDefault()));
                }
        } else if (o instanceof RemoveField r) {
            n.put("op", "RemoveField").put("table", r.table()).put("column", r.column());
        } else if (o instanceof AlterField a) {
            n.put("op", "AlterField").put("table", a.table());
            n.set("column", SchemaJson.column(a.column()));
        } else if (o instanceof RenameField r) {
            n.put("op", "RenameField").put("table", r.table()).put("from", r.from())
                    .put("to", r.to());
        } else if (o instanceof AddIndex a) {
            n.put("op", "AddIndex").put("table", a.table());
            n.set("index", SchemaJson.index(a.index()));
        } else if (o instanceof RemoveIndex r) {
            n.put("op", "RemoveIndex").put("table", r.table()).put("name", r.name());
        } else if (o instanceof AddConstraint a) {
            n.put("op", "AddConstraint").put("table", a.table());
            n.set("constraint", SchemaJson.constraint(a.constraint()));
        } else if (o instanceof RemoveConstraint r) {
            n.put("op", "RemoveConstraint").put("table", r.table()).put("name", r.name());
        } else if (o instanceof AlterUniqueTogether a) {
            n.put("op", "AlterUniqueTogether").put("table", a.table());
            ArrayNode arr = n.putArray("unique_together");
            a.together().forEach(l -> arr.add(strings(l)));
        } else if (o instanceof AlterEnumType e) {
            n.put("op", "AlterEnumType").put("name", e.name());
            n.set("from", strings(e.from()));
            n.set("to", strings(e.to()));
            if (!e.renames().isEmpty()) {
                ObjectNode r = n.putObject("renames");
                e.renames().forEach(r::put);
            }
        } else if (o instanceof RunSql r) {
            n.put("op", "RunSQL");
            n.set("sql", strings(r.sql()));
            if (r.reverseSql() != null) {
                    n.set("reverse_sql", strings(r.reverseSql()));
                }
        } else if (o instanceof RunJava r) {
            n.put("op", "RunJava").put("class", r.className());
            if (!r.args().isEmpty()) {
                n.set("args", strings(r.args()));
            }
        } else if (o instanceof io.covet.migrate.AddPartition a) {
            n.put("op", "AddPartition").put("table", a.table()).put("name", a.partition().name());
            if (!a.partition().isDefault()) {
                n.put("bounds", a.partition().bounds());
            }
        } else if (o instanceof io.covet.migrate.AddSystemVersioning a) {
            n.put("op", "AddSystemVersioning").put("table", a.table());
        } else if (o instanceof io.covet.migrate.RemoveSystemVersioning r) {
            n.put("op", "RemoveSystemVersioning").put("table", r.table());
        } else if (o instanceof CreateHistoryTriggers c) {
            n.put("op", "CreateHistoryTriggers").put("table", c.table()).put("history", c.history());
        } else if (o instanceof DropHistoryTriggers d) {
            n.put("op", "DropHistoryTriggers").put("table", d.table()).put("history", d.history());
        } else if (o instanceof CreateExtension x) {
            n.put("op", "CreateExtension").put("name", x.name());
            if (x.schema() != null) {
                n.put("schema", x.schema());
            }
        } else if (o instanceof CreateDomain d) {
            n.put("op", "CreateDomain").put("name", d.name()).put("type", d.baseType());
            if (d.notNull()) {
                n.put("not_null", true);
            }
            if (d.defaultSql() != null) {
                n.put("default", d.defaultSql());
            }
            if (!d.checks().isEmpty()) {
                n.set("checks", strings(d.checks()));
            }
        } else if (o instanceof SeparateDatabaseAndState s) {
            n.put("op", "SeparateDatabaseAndState");
            ArrayNode db = n.putArray("database");
            s.database().forEach(x -> db.add(write(x)));
            ArrayNode st = n.putArray("state");
            s.state().forEach(x -> st.add(write(x)));
        }
        return n;
    }

    public static Operation read(JsonNode n) {
        String op = req(n, "op").asText();
        return switch (op) {
            case "CreateModel" -> new CreateModel(SchemaJson.table(req(n, "table")));
            case "DeleteModel" -> new DeleteModel(text(n, "table"));
            case "RenameModel" -> new RenameModel(text(n, "from"), text(n, "to"));
            case "AddField" -> new AddField(text(n, "table"), SchemaJson.column(req(n, "column")),
                    SchemaJson.dflt(n.get("one_off_default")));
            case "RemoveField" -> new RemoveField(text(n, "table"), text(n, "column"));
            case "AlterField" -> new AlterField(text(n, "table"), SchemaJson.column(req(n, "column")));
            case "RenameField" -> new RenameField(text(n, "table"), text(n, "from"), text(n, "to"));
            case "AddIndex" -> new AddIndex(text(n, "table"), SchemaJson.index(req(n, "index")));
            case "RemoveIndex" -> new RemoveIndex(text(n, "table"), text(n, "name"));
            case "AddConstraint" -> new AddConstraint(text(n, "table"),
                    SchemaJson.constraint(req(n, "constraint"), "unique"));
            case "RemoveConstraint" -> new RemoveConstraint(text(n, "table"), text(n, "name"));
            case "AlterUniqueTogether" -> {
                List<List<String>> sets = new ArrayList<>();
                req(n, "unique_together").forEach(x -> sets.add(strings(x)));
                yield new AlterUniqueTogether(text(n, "table"), sets);
            }
            case "AlterEnumType" -> {
                java.util.Map<String, String> renames = new java.util.LinkedHashMap<>();
                n.path("renames").fields().forEachRemaining(e -> renames.put(e.getKey(), e.getValue().asText()));
                yield new AlterEnumType(text(n, "name"), strings(req(n, "from")), strings(req(n, "to")), renames);
            }
            case "RunSQL" -> new RunSql(strings(req(n, "sql")),
                    n.has("reverse_sql") ? strings(n.get("reverse_sql")) : null);
            case "RunJava" -> new RunJava(text(n, "class"), strings(n.path("args")));
            case "AddPartition" -> new io.covet.migrate.AddPartition(text(n, "table"),
                    new io.covet.schema.Partitioning.Partition(text(n, "name"),
                            n.hasNonNull("bounds") ? n.get("bounds").asText() : null));
            case "AddSystemVersioning" -> new io.covet.migrate.AddSystemVersioning(text(n, "table"));
            case "RemoveSystemVersioning" -> new io.covet.migrate.RemoveSystemVersioning(text(n, "table"));
            case "CreateHistoryTriggers" -> new CreateHistoryTriggers(text(n, "table"), text(n, "history"));
            case "DropHistoryTriggers" -> new DropHistoryTriggers(text(n, "table"), text(n, "history"));
            case "SeparateDatabaseAndState" -> new SeparateDatabaseAndState(list(n.path("database")),
                    list(n.path("state")));
            case "CreateExtension" -> new CreateExtension(text(n, "name"), n.hasNonNull("schema")
                    ? n.get("schema").asText() : null);
            case "CreateDomain" -> new CreateDomain(text(n, "name"), text(n, "type"), n.path("not_null").asBoolean(false),
                    n.hasNonNull("default") ? n.get("default").asText() : null, strings(n.path("checks")));
            default -> throw new IllegalArgumentException("unknown operation \"" + op + "\"; known: CreateModel, "
                    + "DeleteModel, RenameModel, AddField, RemoveField, AlterField, RenameField, AddIndex, RemoveIndex, "
                    + "AddConstraint, RemoveConstraint, AlterUniqueTogether, AlterEnumType, RunSQL, RunJava, SeparateDatabaseAndState, CreateHistoryTriggers, DropHistoryTriggers, AddSystemVersioning, RemoveSystemVersioning, "
                    + "CreateExtension, CreateDomain, AddPartition");
        };
    }

    private static List<Operation> list(JsonNode arr) {
        List<Operation> out = new ArrayList<>();
        arr.forEach(x -> out.add(read(x)));
        return out;
    }

    private static String text(JsonNode n, String f) {
        return req(n, f).asText();
    }
}
