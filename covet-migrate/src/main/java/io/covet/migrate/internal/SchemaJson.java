package io.covet.migrate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.Constraint;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.Partitioning;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;

/** JSON forms of schema parts inside migration files: short keys, optional parts left out. */
public final class SchemaJson {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SchemaJson() {
    }

    public static ObjectNode column(Column c) {
        ObjectNode n = F.objectNode();
        n.put("name", c.name());
        n.put("type", c.type().toString());
        n.put("null", c.nullable());
        if (c.defaultValue() != null) {
            n.set("default", dflt(c.defaultValue()));
        }
        if (c.autoIncrement()) {
            n.put("auto_increment", true);
        }
        if (c.generated() != null) {
            n.putObject("generated").put("expr", c.generated().expression()).put("stored", c.generated().stored());
        }
        return n;
    }

    public static JsonNode dflt(ColumnDefault d) {
        if (d.expression()) {
            return F.objectNode().put("expr", d.text());
        }
        return F.textNode(d.text());
    }

    public static ColumnDefault dflt(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            return ColumnDefault.expression(req(n, "expr").asText());
        }
        return ColumnDefault.value(n.asText());
    }

    public static Column column(JsonNode n) {
        return new Column(req(n, "name").asText(), ColumnType.parse(req(n, "type").asText()),
                n.path("null").asBoolean(false), dflt(n.get("default")), n.path("auto_increment").asBoolean(false),
                n.hasNonNull("generated") ? new Column.Generated(req(n.get("generated"), "expr").asText(),
                        n.get("generated").path("stored").asBoolean(true)) : null);
    }

    public static ObjectNode table(Table t) {
        ObjectNode n = F.objectNode();
        n.put("name", t.name());
        ArrayNode cols = n.putArray("columns");
        t.columns().forEach(c -> cols.add(column(c)));
        n.set("primary_key", strings(t.primaryKey()));
        if (!t.uniques().isEmpty()) {
            ArrayNode a = n.putArray("uniques");
            t.uniques().forEach(u -> a.add(constraint(u)));
        }
        if (!t.checks().isEmpty()) {
            ArrayNode a = n.putArray("checks");
            t.checks().forEach(u -> a.add(constraint(u)));
        }
        if (!t.foreignKeys().isEmpty()) {
            ArrayNode a = n.putArray("foreign_keys");
            t.foreignKeys().forEach(u -> a.add(constraint(u)));
        }
        if (!t.indexes().isEmpty()) {
            ArrayNode a = n.putArray("indexes");
            t.indexes().forEach(i -> a.add(index(i)));
        }
        if (t.partitioning() != null) {
            n.set("partitioning", partitioning(t.partitioning()));
        }
        return n;
    }

    /** {@code {"method": "RANGE", "columns": [...], "partitions": [{"name": …, "bounds": … or absent}]}}. */
    static ObjectNode partitioning(Partitioning p) {
        ObjectNode n = F.objectNode();
        n.put("method", p.method().name());
        n.set("columns", strings(p.columns()));
        ArrayNode parts = n.putArray("partitions");
        for (Partitioning.Partition x : p.partitions()) {
            ObjectNode o = parts.addObject().put("name", x.name());
            if (!x.isDefault()) {
                o.put("bounds", x.bounds());
            }
        }
        return n;
    }

    static Partitioning partitioning(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        List<Partitioning.Partition> parts = new ArrayList<>();
        req(n, "partitions").forEach(p -> parts.add(new Partitioning.Partition(req(p, "name").asText(),
                p.hasNonNull("bounds") ? p.get("bounds").asText() : null)));
        return new Partitioning(Partitioning.Method.valueOf(req(n, "method").asText()), strings(req(n, "columns")),
                parts);
    }

    public static Table table(JsonNode n) {
        List<Column> cols = new ArrayList<>();
        req(n, "columns").forEach(c -> cols.add(column(c)));
        List<UniqueConstraint> us = new ArrayList<>();
        n.path("uniques").forEach(c -> us.add((UniqueConstraint) constraint(c, "unique")));
        List<CheckConstraint> cs = new ArrayList<>();
        n.path("checks").forEach(c -> cs.add((CheckConstraint) constraint(c, "check")));
        List<ForeignKey> fs = new ArrayList<>();
        n.path("foreign_keys").forEach(c -> fs.add((ForeignKey) constraint(c, "foreign_key")));
        List<Index> is = new ArrayList<>();
        n.path("indexes").forEach(c -> is.add(index(c)));
        return new Table(req(n, "name").asText(), cols, strings(n.path("primary_key")), us, cs, is, fs,
                partitioning(n.get("partitioning")));
    }

    public static ObjectNode index(Index i) {
        ObjectNode n = F.objectNode();
        n.put("name", i.name());
        n.set("columns", strings(i.columns()));
        if (i.unique()) {
            n.put("unique", true);
        }
        if (i.where() != null) {
            n.put("where", i.where());
        }
        return n;
    }

    public static Index index(JsonNode n) {
        return new Index(req(n, "name").asText(), strings(req(n, "columns")), n.path("unique").asBoolean(false),
                n.hasNonNull("where") ? n.get("where").asText() : null);
    }

    /** A constraint with its kind implied by its keys: columns (unique), check, or references. */
    public static ObjectNode constraint(Constraint c) {
        ObjectNode n = F.objectNode();
        n.put("name", c.name());
        if (c instanceof UniqueConstraint u) {
            n.put("kind", "unique");
            n.set("columns", strings(u.columns()));
        } else if (c instanceof CheckConstraint k) {
            n.put("kind", "check");
            n.put("check", k.expression());
        } else {
            ForeignKey f = (ForeignKey) c;
            n.put("kind", "foreign_key");
            n.set("columns", strings(f.columns()));
            n.put("references", f.refTable());
            n.set("ref_columns", strings(f.refColumns()));
            n.put("on_delete", f.onDelete().name());
        }
        return n;
    }

    public static Constraint constraint(JsonNode n, String defaultKind) {
        String name = req(n, "name").asText();
        String kind = n.path("kind").asText(defaultKind);
        return switch (kind) {
            case "unique" -> new UniqueConstraint(name, strings(req(n, "columns")));
            case "check" -> new CheckConstraint(name, req(n, "check").asText());
            case "foreign_key" -> new ForeignKey(name, strings(req(n, "columns")), req(n, "references").asText(),
                    strings(req(n, "ref_columns")), OnDelete.parse(n.path("on_delete").asText("NO_ACTION")));
            default -> throw new IllegalArgumentException("constraint " + name + " has unknown kind '" + kind
                    + "'; use unique, check or foreign_key");
        };
    }

    public static ArrayNode strings(List<String> l) {
        ArrayNode a = F.arrayNode();
        l.forEach(a::add);
        return a;
    }

    public static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    public static JsonNode req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\" in " + n);
        }
        return v;
    }
}
