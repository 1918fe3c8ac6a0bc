package io.covet.migrate;

import io.covet.core.engine.Engine;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.Partitioning;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.covet.migrate.JavaNames.*;

/**
 * Writes the model class of one table for {@link InspectDb}: its fields, relations, indexes and constraints, and a
 * note for whatever the model cannot express exactly.
 */
final class ModelWriter {
    private final Schema schema;
    private final Engine engine;
    private final String pkg;
    private final Map<String, List<String>> partitions;
    private final Map<String, String> domains;
    private final Map<String, String> classOf;
    private final Table table;
    private final String cls;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> fieldOf = new LinkedHashMap<>();
    private final Map<String, ForeignKey> refs = new TreeMap<>();
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder enums = new StringBuilder();
    private final Map<String, String> enumOf = new HashMap<>();
    private final Map<String, List<String>> enumLabels = new HashMap<>();
    private final java.util.TreeSet<String> imports = new java.util.TreeSet<>();

    /**
     * @param classOf every table's class name, so that relations name their target's class
     */
    ModelWriter(Schema schema, Engine engine, String pkg, Map<String, List<String>> partitions,
                Map<String, String> domains, Map<String, String> classOf, Table table) {
        this.schema = schema;
        this.domains = domains;
        this.engine = engine;
        this.pkg = pkg;
        this.partitions = partitions;
        this.classOf = classOf;
        this.table = table;
        this.cls = classOf.get(table.name());
    }

    InspectDb.ModelSource write() {
        List<String> parts = partitions.getOrDefault(table.name(), List.of());
        if (!parts.isEmpty() && table.partitioning() == null) {
            // a partition listed with a PARTITION BY / SUBPARTITION BY of its own is partitioned again
            boolean sub = parts.stream().anyMatch(p -> p.contains("PARTITION BY "));
            // MariaDB's hash parts have no bounds: a hash partitioning left out is HASH (…) or LINEAR
            boolean hashing = engine.family() == Engine.MARIADB
                    && parts.stream().noneMatch(p -> p.contains(" VALUES ") || p.endsWith(" DEFAULT"));
            notes.add("table " + table.name() + (sub ? " has sub-partitions, which @Partitioned does not declare"
                    : hashing ? " is partitioned by a hashing @Partitioned does not declare (HASH over an "
                    + "expression, LINEAR, or KEY without columns: its HASH is created as KEY over columns, which "
                    + "spreads the rows by another function)"
                    : " is partitioned by an expression, which @Partitioned does not declare") + "; its partitions: "
                    + String.join(", ", parts) + ". The "
                    + "model describes the parent, whose queries reach every partition, but the partitioning is not "
                    + "modelled: migrations would create " + table.name() + " as a plain table, so create it and "
                    + "its partitions in a RunSQL migration");
        }
        List<String> ownIndexes = parts.stream().filter(p -> p.contains("[own indexes: ")).toList();
        if (!ownIndexes.isEmpty() && table.partitioning() != null) {
            notes.add("partitions of table " + table.name() + " have indexes of their own, which the model does not "
                    + "declare (a model declares the parent's indexes, which every partition gets): "
                    + String.join(", ", ownIndexes) + "; create them in a RunSQL migration");
        }
        if (table.primaryKey().isEmpty()) {
            notes.add("table " + table.name() + " has no primary key, so the model is read-only: the ORM "
                    + "queries it and refuses to save or delete its rows; add a key to the table to write it "
                    + "through the ORM");
        }
        List<String> singlePk = table.primaryKey().size() == 1 ? table.primaryKey() : List.of();
        for (ForeignKey f : table.foreignKeys()) {
            if (f.columns().equals(singlePk)) {
                notes.add("foreign key " + f.name() + " is on the primary key " + singlePk + "; the model keeps "
                        + "the key as a plain field, so the constraint is not declared (add it in a RunSQL "
                        + "migration)");
            } else if (representable(f)) {
                refs.put(f.columns().get(0), f);
            } else {
                notes.add("foreign key " + f.name() + " " + f.columns() + " -> " + f.refTable() + f.refColumns()
                        + " is kept as plain column(s): the ORM's relations are single-column keys to a model's "
                        + "single-column primary key");
            }
        }
        Set<String> names = new java.util.HashSet<>();
        for (Column c : table.columns()) {
            ForeignKey fk = refs.get(c.name());
            String field = unique(fk != null ? relationName(c.name()) : fieldName(c.name()), names);
            fieldOf.put(c.name(), field);
        }
        for (Column c : table.columns()) {
            field(c);
        }
        return new InspectDb.ModelSource(table.name(), cls, render(), notes);
    }

    private boolean representable(ForeignKey f) {
        if (f.columns().size() != 1) {
            return false;
        }
        Table target = schema.table(f.refTable()).orElse(null);
        return target != null && target.primaryKey().equals(f.refColumns());
    }

    private void field(Column c) {
        String field = fieldOf.get(c.name());
        ForeignKey fk = refs.get(c.name());
        boolean pk = table.primaryKey().size() == 1 && table.primaryKey().get(0).equals(c.name());
        List<String> args = new ArrayList<>();
        if (fk != null) {
            imports.add("io.covet.orm.ForeignKey");
            imports.add("io.covet.orm.OnDelete");
            imports.add("io.covet.orm.Ref");
            onDelete(fk, c, args);
            if (c.nullable()) {
                args.add("nullable = true");
            }
            args.add("column = " + literal(c.name()));
            args.add("constraint = " + literal(fk.name()));
            args.add("index = false");
            annotate("ForeignKey", args);
            String own = foreignKeyNativeType(c, fk);
            if (own != null) {
                imports.add("io.covet.orm.Column");
                annotate("Column", List.of("nativeType = " + literal(own)));
            }
            body.append("    Ref<").append(classOf.get(fk.refTable())).append("> ").append(field).append(";\n");
            return;
        }
        if (ArrayColumns.multiDimensional(engine, table.name(), c) != null) {
            body.append("    // ").append(ArrayColumns.dimensions(c.type())).append(" dimensions: a List holds one, so ")
                    .append("this is the array's text, {{1,2},{3,4}} (see the note on the class)\n");
        }
        String javaType = javaEnum(c);
        if (javaType == null) {
            javaType = javaType(c);
        }
        if (pk) {
            imports.add("io.covet.orm.PrimaryKey");
            args.add("auto = " + c.autoIncrement());
            if (!c.name().equals(snake(field))) {
                args.add("column = " + literal(c.name()));
            }
            annotate("PrimaryKey", args);
            List<String> typeArgs = new ArrayList<>();
            typeArguments(c, typeArgs);
            if (!typeArgs.isEmpty()) {
                imports.add("io.covet.orm.Column");
                annotate("Column", typeArgs);
            }
        } else {
            if (!c.name().equals(snake(field))) {
                args.add("name = " + literal(c.name()));
            }
            typeArguments(c, args);
            if (c.nullable()) {
                args.add("nullable = true");
            }
            if (c.defaultValue() != null) {
                args.add((c.defaultValue().expression() ? "dbDefault = " : "defaultValue = ")
                        + literal(c.defaultValue().text()));
            }
            if (c.autoIncrement()) {
                notes.add("column " + table.name() + "." + c.name() + " is auto-incremented but not the primary "
                        + "key; the ORM generates only primary keys, so the model treats it as a plain value");
            }
            if (!args.isEmpty()) {
                imports.add("io.covet.orm.Column");
                annotate("Column", args);
            }
            if (c.generated() != null) {
                imports.add("io.covet.orm.Generated");
                annotate("Generated", List.of("expression = " + literal(c.generated().expression()),
                        "stored = " + c.generated().stored()));
            }
        }
        body.append("    ").append(javaType).append(' ').append(field).append(";\n");
    }

    private void annotate(String name, List<String> args) {
        body.append("    @").append(name);
        if (!args.isEmpty()) {
            body.append('(').append(String.join(", ", args)).append(')');
        }
        body.append('\n');
    }

    /**
     * The native type a relation's column declares when it is not the type the ORM gives it (that of the
     * target's key field): a native or fixed-length type, or another integer width (SQLite's INTEGER pointing at
     * an auto key the model reads as a Long). Null when the ORM's type is the column's.
     */
    private String foreignKeyNativeType(Column c, ForeignKey fk) {
        ColumnType t = c.type();
        if (t.kind() == ColumnType.Kind.RAW) {
            return t.raw();
        }
        if (t.kind() == ColumnType.Kind.CHAR && !mariaDbUuid(t)) {
            // engine fact: PostgreSQL's catalog spells CHAR(n) as character(n)
            return (engine.family() == Engine.POSTGRESQL ? "character(" : "char(") + t.length() + ")";
        }
        Table target = schema.table(fk.refTable()).orElseThrow();
        Column key = target.requireColumn(target.primaryKey().get(0));
        // engine fact: SQLite's INTEGER PRIMARY KEY is the 64-bit rowid whatever width it declares
        ColumnType.Kind ormKind = switch (key.type().kind()) {
            case SMALLINT -> ColumnType.Kind.SMALLINT;
            case INTEGER -> engine.family() == Engine.SQLITE && key.autoIncrement() ? ColumnType.Kind.BIGINT
                    : ColumnType.Kind.INTEGER;
            case BIGINT -> ColumnType.Kind.BIGINT;
            case RAW -> switch (nativeJavaType(key)) {
                case "Short" -> ColumnType.Kind.SMALLINT;
                case "Integer" -> ColumnType.Kind.INTEGER;
                case "Long" -> ColumnType.Kind.BIGINT;
                default -> null;
            };
            default -> t.kind();
        };
        if (ormKind != null && ormKind != t.kind() && t.kind().integral()) {
            return io.covet.schema.SchemaDdl.of(engine).typeSql(t);
        }
        return null;
    }

    /** The relation's rules: NO ACTION and RESTRICT are the ORM's own; the others are the database's. */
    private void onDelete(ForeignKey fk, Column c, List<String> args) {
        switch (fk.onDelete()) {
            case NO_ACTION -> args.add("onDelete = OnDelete.DO_NOTHING");
            case RESTRICT -> args.add("onDelete = OnDelete.RESTRICT");
            default -> {
                if (fk.onDelete() == io.covet.schema.OnDelete.SET_NULL && !c.nullable()) {
                    notes.add("foreign key " + fk.name() + " has ON DELETE SET NULL on the NOT NULL column "
                            + c.name() + ", which no delete can carry out; the model declares NO ACTION, so "
                            + "makemigrations will propose to change the constraint");
                    args.add("onDelete = OnDelete.DO_NOTHING");
                    return;
                }
                imports.add("io.covet.orm.DbOnDelete");
                args.add("onDelete = OnDelete.DO_NOTHING");
                args.add("dbOnDelete = DbOnDelete." + fk.onDelete().name());
            }
        }
    }

    private String javaType(Column c) {
        ColumnType t = c.type();
        if (mariaDbUuid(t)) {
            return imported("java.util.UUID");
        }
        return switch (t.kind()) {
            case SMALLINT -> "Short";
            // engine fact: SQLite's INTEGER PRIMARY KEY is the 64-bit rowid whatever width it declares
            case INTEGER -> engine.family() == Engine.SQLITE && c.autoIncrement() ? "Long" : "Integer";
            case BIGINT -> "Long";
            case DECIMAL -> imported("java.math.BigDecimal");
            case REAL -> "Float";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case CHAR, VARCHAR, TEXT -> "String";
            case RAW -> nativeJavaType(c);
            case ENUM -> "String"; // labels that are not Java identifiers: the value as text (see nativeType)
            case BYTES -> "byte[]";
            case DATE -> imported("java.time.LocalDate");
            case TIME -> imported("java.time.LocalTime");
            case TIMESTAMP -> imported("java.time.LocalDateTime");
            case TIMESTAMPTZ -> imported("java.time.Instant");
            case UUID -> imported("java.util.UUID");
            case JSON -> imported("com.fasterxml.jackson.databind.JsonNode");
            case ARRAY -> imported("java.util.List") + "<" + ArrayColumns.element(t.elementType(), this::imported)
                    + ">";
        };
    }

    /** {@link NativeJavaTypes#of}, with the import it needs. */
    private String nativeJavaType(Column c) {
        String t = NativeJavaTypes.of(engine, domains, c, this::javaType);
        return t.startsWith("java.") ? imported(t) : t;
    }

    /**
     * A PostgreSQL enum type or a MariaDB {@code ENUM(…)} column whose labels are all Java identifiers becomes a
     * nested Java enum (stored by name, so each label is a constant's name; named after the PostgreSQL type, which
     * the field then declares with {@code enumType}, and shared by the columns of one type); null for any other
     * column, which keeps its text type.
     */
    private String javaEnum(Column c) {
        if (enumOf.containsKey(c.name())) {
            return enumOf.get(c.name());
        }
        boolean typed = c.type().kind() == ColumnType.Kind.ENUM;
        List<String> labels = typed ? c.type().labels() : mariaDbEnumLabels(c.type());
        if (labels == null || labels.isEmpty() || labels.stream().anyMatch(l -> !l.matches("[A-Za-z_$][A-Za-z0-9_$]*")
                || KEYWORDS.contains(l) || l.equals("_")) || new java.util.HashSet<>(labels).size() != labels.size()) {
            return null;
        }
        String name = className(typed ? c.type().enumName() : c.name());
        if (typed && enumOf.containsValue(name) && enumLabels.get(name).equals(labels)) {
            enumOf.put(c.name(), name); // a second column of the same database type shares its Java enum
            return name;
        }
        while (name.equals(cls) || enumOf.containsValue(name) || classOf.containsValue(name)) {
            name = name + "Value";
        }
        enumOf.put(c.name(), name);
        enumLabels.put(name, labels);
        enums.append("    /** The labels of ").append(typed ? "the database enum type {@code "
                        + javadoc(c.type().enumName()) + "}" : "{@code " + javadoc(c.name()) + "}").append(". */\n")
                .append("    public enum ").append(name).append(" {\n        ")
                .append(String.join(", ", labels)).append("\n    }\n\n");
        return name;
    }

    /** The labels of a MariaDB {@code enum('a','b')} type; null for another type. */
    private List<String> mariaDbEnumLabels(ColumnType t) {
        // engine fact: only MariaDB has inline enum(…) types
        if (engine.family() != Engine.MARIADB || t.kind() != ColumnType.Kind.RAW
                || !t.raw().toLowerCase(Locale.ROOT).startsWith("enum(") || !t.raw().endsWith(")")) {
            return null;
        }
        return ColumnType.splitLabels(t.raw().substring(5, t.raw().length() - 1));
    }

    /** Covet stores UUIDs as CHAR(36) on MariaDB, so that is what such a column most likely holds. */
    private boolean mariaDbUuid(ColumnType t) {
        // engine fact: MariaDB has no UUID type, and Covet's MariaDB DDL stores one as CHAR(36)
        return engine.family() == Engine.MARIADB && t.kind() == ColumnType.Kind.CHAR && t.length() == 36;
    }

    /** {@code nativeType = "…"}: the column's type exactly as the engine reports it. */
    private void nativeType(Column c, List<String> args) {
        ColumnType t = c.type();
        if (t.kind() == ColumnType.Kind.ENUM && enumOf.containsKey(c.name())) {
            args.add("enumType = " + literal(t.enumName()));
            return;
        }
        String declared = switch (t.kind()) {
            // engine fact: PostgreSQL's catalog spells CHAR(n) as character(n)
            case CHAR -> (engine.family() == Engine.POSTGRESQL ? "character(" : "char(") + t.length() + ")";
            case RAW -> t.raw();
            case ENUM -> t.enumName();
            default -> null;
        };
        if (declared != null) {
            args.add("nativeType = " + literal(declared));
        }
        if (t.kind() == ColumnType.Kind.ENUM) {
            notes.add("column " + table.name() + "." + c.name() + " is of the enum type " + t.enumName() + " "
                    + t.labels() + ", whose labels are not all Java identifiers; the model declares that type and "
                    + "reads the value as text (migrations do not create the type: it must exist)");
            return;
        }
        if (t.kind() != ColumnType.Kind.RAW) {
            return;
        }
        String n = t.raw().toLowerCase(Locale.ROOT);
        String javaType = nativeJavaType(c);
        if (enumOf.containsKey(c.name())) {
            return;
        }
        // engine facts behind each note: MariaDB's enum/set and unsigned types, PostgreSQL's many text-read types
        if (engine.family() == Engine.MARIADB && (n.startsWith("enum(") || n.startsWith("set("))) {
            notes.add("column " + table.name() + "." + c.name() + " is " + t.raw() + "; the model declares that "
                    + "type and reads the value as text (" + (n.startsWith("enum(") ? "a Java enum needs labels "
                    + "that are Java identifiers, one constant per label" : "a set is several labels in one "
                    + "text") + ")");
        } else if (engine.family() == Engine.MARIADB && n.contains("bigint") && n.contains("unsigned")
                && c.autoIncrement()) {
            notes.add("column " + table.name() + "." + c.name() + " is " + t.raw() + " and generated; an auto "
                    + "key is at most a Long, so values above " + Long.MAX_VALUE + " cannot be read");
        } else if (ArrayColumns.multiDimensional(engine, table.name(), c) != null) {
            notes.add(ArrayColumns.multiDimensional(engine, table.name(), c));
        } else if (engine.family() == Engine.POSTGRESQL && javaType.equals("String")) {
            notes.add("column " + table.name() + "." + c.name() + " has the native type " + t.raw() + ", which "
                    + "no field type maps to; the model declares that type and reads and writes the value in its "
                    + "text form" + (t.raw().endsWith("]") ? " (an array as {a,b})" : "")
                    + (domains.containsKey(t.raw()) ? " (a domain: migrations do not create it, so it must exist "
                    + "in the database the model is migrated into)" : ""));
        } else if (engine.family() == Engine.POSTGRESQL && domains.containsKey(t.raw())) {
            notes.add("column " + table.name() + "." + c.name() + " is of the domain " + t.raw() + " over "
                    + domains.get(t.raw()) + "; migrations do not create domains, so it must exist in the database "
                    + "the model is migrated into");
        }
    }

    private void typeArguments(Column c, List<String> args) {
        ColumnType t = c.type();
        if (mariaDbUuid(t)) {
            notes.add("column " + table.name() + "." + c.name() + " is char(36), which is how UUIDs are stored on "
                    + "MariaDB, so the model reads it as a UUID; make the field a String if it holds other text");
            return;
        }
        nativeType(c, args);
        switch (t.kind()) {
            case VARCHAR -> args.add("maxLength = " + t.length());
            case DECIMAL -> {
                args.add("precision = " + t.precision());
                args.add("scale = " + t.scale());
            }
            case TEXT -> {
                imports.add("io.covet.orm.FieldType");
                args.add("type = FieldType.TEXT");
            }
            case ARRAY -> ArrayColumns.arguments(t, args);
            default -> {
            }
        }
    }

    private String imported(String qualified) {
        imports.add(qualified);
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private String render() {
        List<String> model = new ArrayList<>();
        model.add("table = " + literal(table.name()));
        if (table.primaryKey().isEmpty()) {
            model.add("readOnly = true");
        }
        if (table.primaryKey().size() > 1) {
            model.add("primaryKey = " + array(table.primaryKey().stream().map(fieldOf::get).toList()));
        }
        List<String> indexes = new ArrayList<>();
        List<String> uniques = new ArrayList<>();
        for (UniqueConstraint u : table.uniques()) {
            uniques.add("@Unique(name = " + literal(u.name()) + ", fields = " + fields(u.columns()) + ")");
        }
        for (Index i : table.indexes()) {
            if (i.where() != null) {
                notes.add("partial index " + i.name() + " (WHERE " + i.where() + ") is not expressible on a "
                        + "model; keep it in a RunSQL migration");
            } else {
                indexes.add("@Index(name = " + literal(i.name()) + ", fields = " + fields(i.columns())
                        + (i.unique() ? ", unique = true" : "") + ")");
            }
        }
        List<String> checks = new ArrayList<>();
        for (CheckConstraint c : table.checks()) {
            checks.add("@Check(name = " + literal(c.name()) + ", expression = " + literal(c.expression()) + ")");
        }
        member(model, "indexes", indexes, "io.covet.orm.Index");
        member(model, "uniqueTogether", uniques, "io.covet.orm.Unique");
        member(model, "checks", checks, "io.covet.orm.Check");
        imports.add("io.covet.orm.Entity");
        imports.add("io.covet.orm.Model");
        String partitioned = partitioned();
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(pkg).append(";\n\n");
        for (String i : imports) {
            sb.append("import ").append(i).append(";\n");
        }
        sb.append("\n/**\n * Table {@code ").append(javadoc(table.name())).append("}, generated by {@code covet inspectdb} from ")
                .append(engine.family().displayName()).append(". Review it: names, relations and types were read"
                        + "\n * from the database.\n");
        for (String n : notes) {
            sb.append(" * <p>NOTE: ").append(javadoc(n)).append('\n');
        }
        sb.append(" */\n").append(partitioned);
        sb.append("@Model(").append(String.join(",\n        ", model)).append(")\n");
        sb.append("public class ").append(cls).append(" extends Entity {\n");
        sb.append(enums);
        sb.append(body);
        sb.append("\n    /** For the ORM. */\n    public ").append(cls).append("() {\n    }\n}\n");
        return sb.toString();
    }

    private void member(List<String> model, String name, List<String> items, String annotation) {
        if (items.isEmpty()) {
            return;
        }
        imports.add(annotation);
        model.add(name + " = " + (items.size() == 1 ? items.get(0)
                : "{\n                " + String.join(",\n                ", items) + "}"));
    }

    /** The {@code @Partitioned} annotation of a partitioned table, bounds as the engine printed them; or "". */
    private String partitioned() {
        Partitioning p = table.partitioning();
        if (p == null) {
            return "";
        }
        imports.add("io.covet.orm.Partitioned");
        List<String> parts = p.partitions().stream().map(x -> "@Partitioned.Partition(name = " + literal(x.name())
                + (x.isDefault() ? "" : ", bounds = " + literal(x.bounds())) + ")").toList();
        return "@Partitioned(method = Partitioned.Method." + p.method() + ", fields = " + fields(p.columns())
                + ",\n        partitions = {\n                " + String.join(",\n                ", parts) + "})\n";
    }

    private String fields(List<String> columns) {
        return array(columns.stream().map(fieldOf::get).toList());
    }
}
