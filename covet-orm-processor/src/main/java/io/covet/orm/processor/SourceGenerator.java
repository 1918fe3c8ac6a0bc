package io.covet.orm.processor;

import java.util.ArrayList;
import java.util.List;

import static io.covet.orm.processor.JavaWriter.lit;

/** Writes {@code Name_}: the metamodel table, relation paths, metadata and the ModelType with the row mapper. */
final class SourceGenerator {
    private static final String ORM = ModelProcessor.ORM;
    /** The package of the types only generated code uses (ModelType, the metadata records, the column readers). */
    private static final String SPI = ModelProcessor.ORM + "spi.";
    private final ModelInfo m;
    /** The fields declared {@code @Column(deferred = true)}. */
    private final List<String> deferred;
    /** The concrete model of a proxy model or the parent of a multi-table child; null for others. */
    private final String proxyOf;
    /** The analysis of a multi-table child's parent; null for other models. */
    private final ModelInfo parent;
    /**
     * A multi-table child's ancestors, the root first and its parent last (each with all its fields, inherited
     * ones first); empty for other models.
     */
    private final List<ModelInfo> ancestors;

    /** A single-table model's {root class, discriminator column, value}; null for other models. */
    private String[] singleTable;

    /** The {@code .withPartitioning(…)} call of a {@code @Partitioned} model; empty for others. */
    private String partitioning = "";

    SourceGenerator(ModelInfo m) {
        this(m, List.of(), null, null);
    }

    SourceGenerator(ModelInfo m, List<String> deferred, String inheritsFrom, List<ModelInfo> ancestors) {
        this.m = m;
        this.deferred = List.copyOf(deferred);
        this.proxyOf = inheritsFrom;
        this.ancestors = ancestors == null ? List.of() : List.copyOf(ancestors);
        this.parent = this.ancestors.isEmpty() ? null : this.ancestors.get(this.ancestors.size() - 1);
    }

    /** This generator for a model of a single-table hierarchy ({root class, discriminator column, value}). */
    SourceGenerator singleTable(String[] sti) {
        this.singleTable = sti;
        return this;
    }

    /** This generator for a {@code @Partitioned} model (the metadata call {@link Partitions} made), or "". */
    SourceGenerator partitioning(String withPartitioning) {
        this.partitioning = withPartitioning;
        return this;
    }

    String generate() {
        JavaWriter w = new JavaWriter();
        String cls = m.simpleName() + "_";
        String model = m.simpleName();
        if (!m.packageName().isEmpty()) {
            w.line("package " + m.packageName() + ";").line("");
        }
        w.line("/**");
        w.line(" * The metamodel of {@link " + model + "} (table {@code " + m.table().replace("*/", "") + "}), generated "
                + "by the Covet ORM processor: typed columns,");
        w.line(" * relation paths for lookups and eager loading, and {@link #TYPE} for {@code orm.objects(...)}. Do "
                + "not edit.");
        w.line(" */");
        w.line("@javax.annotation.processing.Generated(\"io.covet.orm.processor.ModelProcessor\")");
        List<String> pathTargets = pathTargets();
        List<String> interfaces = new ArrayList<>();
        if (!pathTargets.isEmpty()) {
            interfaces.add(SPI + "RelationTables");
        }
        if (codec()) {
            interfaces.add(SPI + "ModelCodec<" + model + ">");
        }
        w.open("public final class " + cls + " extends io.covet.sql.Table"
                + (interfaces.isEmpty() ? "" : " implements " + String.join(", ", interfaces)));
        w.line("/** The table, without alias; {@code TABLE.as(\"x\")} for an aliased copy. */");
        w.line("public static final " + cls + " TABLE = new " + cls + "(null);");
        for (FieldInfo f : m.fields()) {
            w.line("/** Column {@code " + f.column() + "} of field {@code " + f.name() + "}. */");
            w.line("public static final io.covet.sql.Column<" + f.queryType() + "> " + Names.constant(f.member())
                    + " = TABLE." + f.member() + ";");
        }
        for (FieldInfo f : m.fields()) {
            if (f.fkTarget() != null) {
                w.line("/** The relation {@code " + f.name() + "} to {@link " + f.fkTarget() + "}. */");
                w.line("public static final " + ORM + "Path<" + model + ", " + f.fkTarget() + ", " + f.fkTarget()
                        + "_> " + Names.constant(f.name()) + " = " + SPI + "Metamodel.forward(" + lit(m.qualifiedName())
                        + ", " + lit(f.name()) + ", " + lit(f.fkTarget()) + ", TABLE, "
                        + pathTargets.indexOf(f.fkTarget() + "#" + f.name()) + ");");
            }
        }
        for (RelationInfo r : m.relations()) {
            w.line("/** The relation {@code " + r.name() + "} to {@link " + r.target() + "}. */");
            String head = "public static final " + ORM + "Path<" + model + ", " + r.target() + ", " + r.target()
                    + "_> " + Names.constant(r.name()) + " = " + SPI + "Metamodel.";
            if (r.manyToMany()) {
                w.line(head + "manyToMany(" + lit(m.qualifiedName()) + ", " + lit(r.name()) + ", " + lit(r.target())
                        + ", TABLE, " + pathTargets.indexOf(r.target() + "#" + r.name()) + ");");
            } else {
                w.line(head + "reverse(" + lit(m.qualifiedName()) + ", " + lit(r.name()) + ", " + lit(r.target())
                        + ", " + lit(r.remoteField()) + ", TABLE, " + pathTargets.indexOf(r.target() + "#" + r.name())
                        + ");");
            }
        }
        meta(w);
        w.line("/** The model's handle: {@code orm.objects(" + cls + ".TYPE)}. */");
        w.line("public static final " + handleType(model) + " TYPE = " + (codec() ? SPI + "ModelType.of(" + model
                + ".class, META, TABLE);" : "new Type();"));
        w.line("");
        for (FieldInfo f : m.fields()) {
            w.line("/** Column {@code " + f.column() + "} of this (possibly aliased) table. */");
            w.line("public final io.covet.sql.Column<" + f.queryType() + "> " + f.member() + ";");
        }
        w.line("");
        w.open("private " + cls + "(String alias)");
        w.line("super(null, " + lit(m.table()) + ", alias);");
        for (FieldInfo f : m.fields()) {
            boolean nativeType = f.fkTarget() == null && (!f.nativeType().isEmpty() || !f.enumType().isEmpty());
            if (f.fieldType().equals("ARRAY")) {
                w.line(f.member() + " = arrayColumn(" + lit(f.column()) + ", "
                        + lit(ArrayField.driverName(f.typeArgument(), f.maxLength(), f.nativeType())) + ");");
                continue;
            }
            w.line(f.member() + " = " + (nativeType ? "nativeColumn(" : "column(") + lit(f.column()) + ", "
                    + f.queryType() + ".class);");
        }
        w.close();
        w.line("");
        w.line("@Override");
        w.open("public " + cls + " as(String alias)");
        w.line("return new " + cls + "(alias);");
        w.close();
        relationTables(w, pathTargets);
        if (parent != null) {
            readSource(w);
        }
        type(w, cls, model);
        w.close();
        return w.toString();
    }

    /**
     * Each relation path's {@code target#name}, in declaration order (foreign keys, then reverse and many-to-many
     * relations): the index {@link #relationTables} switches on.
     */
    private List<String> pathTargets() {
        List<String> targets = new ArrayList<>();
        for (FieldInfo f : m.fields()) {
            if (f.fkTarget() != null) {
                targets.add(f.fkTarget() + "#" + f.name());
            }
        }
        for (RelationInfo r : m.relations()) {
            targets.add(r.target() + "#" + r.name());
        }
        return targets;
    }

    /**
     * The paths' aliased target tables in one switch rather than a lambda per path: each lambda would link a call
     * site (a class spun at run time) when the metamodel initialises, a good part of an {@code Orm}'s cold start.
     */
    private void relationTables(JavaWriter w, List<String> targets) {
        if (targets.isEmpty()) {
            return;
        }
        w.line("");
        w.line("/** The target table of relation path {@code relation} under {@code alias}; for the paths above. */");
        w.line("@Override");
        w.open("public io.covet.sql.Table relationTable(int relation, String alias)");
        w.open("switch (relation)");
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i).substring(0, targets.get(i).indexOf('#'));
            w.line("case " + i + ": return " + target + "_.TABLE.as(alias);");
        }
        w.line("default: throw new IndexOutOfBoundsException(\"" + m.simpleName() + "_ has " + targets.size()
                + " relation paths, not \" + (relation + 1));");
        w.close();
        w.close();
    }

    private void meta(JavaWriter w) {
        List<String> fields = new ArrayList<>();
        for (FieldInfo f : m.fields()) {
            String fk = f.fkTarget() == null ? "null" : "new " + SPI + "ForeignKeyMeta(" + lit(f.fkTarget()) + ", "
                    + ORM + "OnDelete." + f.onDelete() + ", " + f.oneToOne() + ", "
                    + (f.fkConstraint().isEmpty() ? "null" : lit(f.fkConstraint())) + ", " + ORM + "DbOnDelete."
                    + f.dbOnDelete() + ")";
            fields.add("new " + SPI + "FieldMeta(" + lit(f.name()) + ", " + lit(f.column()) + ", " + ORM + "FieldType."
                    + f.fieldType() + ", " + lit(f.binaryType()) + ", " + f.nullable() + ", " + f.primaryKey() + ", "
                    + f.unique() + ", " + f.indexed() + ", " + f.maxLength() + ", " + f.precision() + ", " + f.scale()
                    + ", " + lit(f.defaultValue()) + ", " + lit(f.dbDefault()) + ", " + strings(f.choices()) + ", "
                    + lit(f.help()) + ", " + fk + ", " + (f.nativeType().isEmpty() ? "null" : lit(f.nativeType()))
                    + (f.enumType().isEmpty() && f.generated() == null ? ""
                    : ", " + (f.enumType().isEmpty() ? "null" : lit(f.enumType())) + ", " + strings(f.enumLabels()))
                    + (f.generated() == null ? "" : ", new " + SPI + "GeneratedMeta(" + lit(f.generated()) + ", "
                    + f.generatedStored() + ")") + ")");
        }
        List<String> idx = new ArrayList<>();
        m.indexes().forEach(g -> idx.add(index(g)));
        List<String> uniq = new ArrayList<>();
        m.uniques().forEach(g -> uniq.add(index(g)));
        List<String> checks = new ArrayList<>();
        m.checks().forEach(c -> checks.add("new " + SPI + "CheckMeta(" + lit(c[0]) + ", " + lit(c[1]) + ")"));
        List<String> m2m = new ArrayList<>();
        List<String> rev = new ArrayList<>();
        for (RelationInfo r : m.relations()) {
            if (r.manyToMany()) {
                m2m.add("new " + SPI + "ManyToManyMeta(" + lit(r.name()) + ", " + lit(r.target()) + ", "
                        + lit(r.through()) + ", " + lit(r.table()) + ", " + lit(r.sourceColumn()) + ", "
                        + lit(r.targetColumn()) + ")");
            } else {
                rev.add("new " + SPI + "ReverseMeta(" + lit(r.name()) + ", " + lit(r.target()) + ", "
                        + lit(r.remoteField()) + ")");
            }
        }
        w.line("/** The model's metadata (schema state for migrations). */");
        w.line("public static final " + SPI + "ModelMeta META = new " + SPI + "ModelMeta(" + lit(m.qualifiedName())
                + ", " + lit(m.table()) + ",");
        w.line("        " + list(fields) + ",");
        w.line("        " + strings(m.ordering()) + ", " + list(idx) + ", " + list(uniq) + ", " + list(checks) + ",");
        w.line("        " + list(m2m) + ", " + list(rev) + ", " + strings(m.compositeKey()) + ", " + m.readOnly()
                + ", " + (m.historyTable() == null ? "null" : "new " + SPI + "HistoryMeta(" + lit(m.historyTable())
                + ", " + strings(m.historyExcluded()) + ", io.covet.orm.History.Capture." + m.historyCapture() + ")")
                + ")" + softDelete() + inheritance() + partitioning + ";");
    }

    private String inheritance() {
        if (singleTable != null) {
            return "\n            .withInheritance(" + SPI + "InheritanceMeta.singleTable(" + lit(singleTable[0]) + ", "
                    + lit(singleTable[1]) + ", " + lit(singleTable[2]) + "))";
        }
        if (proxyOf == null) {
            return "";
        }
        String kind = parent == null ? "PROXY, " + lit(proxyOf) : "MULTI_TABLE, " + lit(proxyOf) + ", "
                + lit(Inheritance.linkColumn(parent));
        return "\n            .withInheritance(new " + SPI + "InheritanceMeta(" + SPI + "InheritanceMeta.Kind." + kind
                + "))";
    }

    /**
     * A multi-table child's table is read through its own table joined to its ancestors' (the root's, then each
     * level's down to its parent's, all on the root's key), exposing the root's columns, then each level's own, then
     * the child's, under their names, so that filters, ordering and joins see one table.
     */
    private void readSource(JavaWriter w) {
        String sql = "io.covet.sql.Sql.";
        List<String> alias = new ArrayList<>();
        for (int k = 0; k < ancestors.size(); k++) {
            alias.add(k == 0 ? "p" : "p" + k);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < m.fields().size(); i++) {
            String a = "c";
            for (int k = 0; k < ancestors.size(); k++) {
                if (i < ancestors.get(k).fields().size()) {
                    a = alias.get(k);
                    break;
                }
            }
            items.add(sql + "field(" + a + ", " + lit(m.fields().get(i).column()) + ", Object.class)");
        }
        ModelInfo root = ancestors.get(0);
        String pk = root.fields().stream().filter(FieldInfo::primaryKey).findFirst().orElseThrow().column();
        String rootKey = sql + "field(p, " + lit(pk) + ", Object.class)";
        w.line("");
        w.line("/** The child's own table joined to its ancestors' tables: the rows this table reads. */");
        w.line("@Override");
        w.open("protected io.covet.sql.Select readSource()");
        for (int k = 0; k < ancestors.size(); k++) {
            w.line("io.covet.sql.Table " + alias.get(k) + " = " + sql + "table(" + lit(ancestors.get(k).table())
                    + ").as(\"" + alias.get(k) + "\");");
        }
        w.line("io.covet.sql.Table c = " + sql + "table(" + lit(m.table()) + ").as(\"c\");");
        w.line("return " + sql + "select(" + String.join(",\n                ", items) + ")");
        w.line("        .from(p)");
        for (int k = 1; k <= ancestors.size(); k++) {
            String a = k == ancestors.size() ? "c" : alias.get(k);
            w.line("        .join(" + a + ", " + sql + "field(" + a + ", "
                    + lit(Inheritance.linkColumn(ancestors.get(k - 1))) + ", Object.class).eq(" + rootKey + "))"
                    + (k == ancestors.size() ? ";" : ""));
        }
        w.close();
    }

    private String softDelete() {
        String[] sd = m.softDelete();
        if (sd == null) {
            return "";
        }
        return "\n            .withSoftDelete(new " + SPI + "SoftDeleteMeta(" + lit(sd[0]) + ", " + lit(sd[1]) + ", "
                + (sd[2] == null ? "null" : lit(sd[2])) + ", " + (sd[3] == null ? "null" : lit(sd[3])) + "))";
    }

    /** The generated handle's type: ModelType, RecordType, or ManagedType with the model's query set. */
    private String handleType(String model) {
        if (m.record()) {
            return SPI + "RecordType<" + model + ">";
        }
        return m.manager() == null ? SPI + "ModelType<" + model + ">"
                : SPI + "ManagedType<" + model + ", " + m.manager() + ">";
    }

    private static String index(Group g) {
        return "new " + SPI + "IndexMeta(" + lit(g.name()) + ", " + strings(g.columns()) + ", " + g.unique() + ")";
    }

    private static String strings(List<String> values) {
        List<String> l = new ArrayList<>();
        values.forEach(v -> l.add(lit(v)));
        return "java.util.List.of(" + String.join(", ", l) + ")";
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "java.util.List.of()";
        }
        return "java.util.List.of(\n            " + String.join(",\n            ", items) + ")";
    }

    /**
     * Whether the row mapper is the metamodel table itself ({@code ModelCodec}, wrapped by {@code ModelType.of})
     * rather than a nested {@code Type} class: for class models without a manager (records and managed models
     * need their own {@code ModelType} subclass). One class less per model is a third of the classes an
     * {@code Orm}'s cold start loads.
     */
    private boolean codec() {
        return !m.record() && m.manager() == null;
    }

    private void type(JavaWriter w, String cls, String model) {
        w.line("");
        boolean codec = codec();
        if (!codec) {
            w.open("private static final class Type extends " + handleType(model));
        }
        for (FieldInfo f : m.fields()) {
            if (f.fieldType().equals("ENUM_INT")) {
                w.line("private static final " + f.typeArgument() + "[] " + Names.constant(f.member()) + "$VALUES = "
                        + f.typeArgument() + ".values();");
            }
            if (!f.validators().isEmpty()) {
                List<String> vs = new ArrayList<>();
                f.validators().forEach(v -> vs.add("new " + v + "()"));
                w.line("private static final java.util.List<" + ORM + "Validator> " + Names.constant(f.member())
                        + "$VALIDATORS = java.util.List.of(" + String.join(", ", vs) + ");");
            }
        }
        w.line("private static final java.util.List<io.covet.sql.Column<?>> BASE_COLUMNS = columnsOf(TABLE);");
        w.line("");
        if (!codec) {
            w.open("Type()");
            w.line("super(" + model + ".class, META);");
            w.close();
            w.line("");
        }
        if (m.manager() != null) {
            w.line("@Override");
            w.open("public " + m.manager() + " manager(" + ORM + "QuerySet<" + model + "> base)");
            w.line("return new " + m.manager() + "(base);");
            w.close();
            w.line("");
        }
        if (!codec) {
            w.line("@Override");
            w.open("public io.covet.sql.Table table()");
            w.line("return TABLE;");
            w.close();
            w.line("");
        }
        w.line("@Override");
        w.open("public java.util.List<io.covet.sql.Column<?>> columns(io.covet.sql.Table t)");
        w.line("return t == TABLE ? BASE_COLUMNS : columnsOf((" + cls + ") t);");
        w.close();
        w.line("");
        w.open("private static java.util.List<io.covet.sql.Column<?>> columnsOf(" + cls + " t)");
        List<String> cols = new ArrayList<>();
        m.fields().forEach(f -> cols.add("t." + f.member()));
        w.line("return java.util.List.of(" + String.join(", ", cols) + ");");
        w.close();
        if (!m.record()) {
            w.line("");
            w.line("@Override");
            w.open("public " + model + " newInstance()");
            w.line("return new " + model + "();");
            w.close();
        }
        w.line("");
        w.line("@Override");
        w.open("public " + model + " read(java.sql.ResultSet rs, int c, io.covet.core.engine.Engine e, Object[] s) "
                + "throws java.sql.SQLException");
        if (m.record()) {
            List<String> args = new ArrayList<>();
            for (int i = 0; i < m.fields().size(); i++) {
                FieldInfo f = m.fields().get(i);
                w.line(f.sourceType() + " v" + i + " = " + readExpression(f, i) + ";");
                w.line("s[" + i + "] = v" + i + ";");
                args.add("v" + i);
            }
            w.line("return new " + model + "(" + String.join(", ", args) + ");");
        } else {
            w.line(model + " o = new " + model + "();");
            for (int i = 0; i < m.fields().size(); i++) {
                read(w, m.fields().get(i), i);
            }
            w.line("return o;");
        }
        w.close();
        w.line("");
        w.line("@Override");
        w.open("public Object get(" + model + " o, int field)");
        w.open("switch (field)");
        for (int i = 0; i < m.fields().size(); i++) {
            w.line("case " + i + ": return " + m.fields().get(i).read() + ";");
        }
        w.line("default: throw new IndexOutOfBoundsException(\"" + model + " has " + m.fields().size()
                + " fields, not \" + (field + 1));");
        w.close();
        w.close();
        if (m.record()) {
            w.line("");
            w.line("@Override");
            w.line("@SuppressWarnings(\"unchecked\")");
            w.open("public " + model + " create(Object[] v)");
            List<String> args = new ArrayList<>();
            for (int i = 0; i < m.fields().size(); i++) {
                FieldInfo f = m.fields().get(i);
                args.add("(" + (f.primitive() ? boxOf(f.sourceType()) : f.sourceType()) + ") v[" + i + "]");
            }
            w.line("return new " + model + "(" + String.join(", ", args) + ");");
            w.close();
        } else {
            set(w, model);
            DeferredReads.write(w, m, model, deferred, this::readField);
        }
        bindAndValidate(w, model);
        if (!codec) {
            w.close();
        }
    }

    private void set(JavaWriter w, String model) {
        w.line("");
        w.line("@Override");
        w.line("@SuppressWarnings(\"unchecked\")");
        w.open("public void set(" + model + " o, int field, Object v)");
        w.open("switch (field)");
        for (int i = 0; i < m.fields().size(); i++) {
            FieldInfo f = m.fields().get(i);
            String cast = f.primitive() ? boxOf(f.sourceType()) : f.sourceType();
            w.line("case " + i + ": " + f.assign("(" + cast + ") v") + " break;");
        }
        w.line("default: throw new IndexOutOfBoundsException(\"" + model + " has " + m.fields().size()
                + " fields, not \" + (field + 1));");
        w.close();
        w.close();
    }

    private void bindAndValidate(JavaWriter w, String model) {
        if (!m.relations().isEmpty()) {
            w.line("");
            w.line("@Override");
            w.open("public void bindRelations(" + model + " o)");
            for (RelationInfo r : m.relations()) {
                w.line("if (o." + r.name() + " == null) o." + r.name() + " = " + SPI + "Metamodel.related(o, "
                        + lit(r.name()) + ");");
            }
            w.close();
        }
        boolean anyValidators = m.fields().stream().anyMatch(f -> !f.validators().isEmpty());
        if (anyValidators) {
            w.line("");
            w.line("@Override");
            w.open("public java.util.List<" + ORM + "Validator> validators(int field)");
            w.open("switch (field)");
            for (int i = 0; i < m.fields().size(); i++) {
                FieldInfo f = m.fields().get(i);
                if (!f.validators().isEmpty()) {
                    w.line("case " + i + ": return " + Names.constant(f.member()) + "$VALIDATORS;");
                }
            }
            w.line("default: return java.util.List.of();");
            w.close();
            w.close();
        }
    }

    private static String boxOf(String primitive) {
        return switch (primitive) {
            case "int" -> "Integer";
            case "long" -> "Long";
            case "short" -> "Short";
            case "double" -> "Double";
            case "float" -> "Float";
            case "boolean" -> "Boolean";
            default -> throw new IllegalArgumentException(primitive);
        };
    }

    private void read(JavaWriter w, FieldInfo f, int i) {
        read(w, f, i, i == 0 ? "c" : "c + " + i);
    }

    /** The statement reading field {@code f} (index {@code i}) from column {@code col} alone ({@code readField}). */
    private void readField(JavaWriter w, FieldInfo f, int i) {
        read(w, f, i, "c");
    }

    private void read(JavaWriter w, FieldInfo f, int i, String col) {
        if (f.fkTarget() != null) {
            String j = SPI + "Jdbc.";
            String key = f.queryType().substring(f.queryType().lastIndexOf('.') + 1);
            String getter = switch (key) {
                case "UUID" -> j + "getUuid(rs, " + col + ", e)";
                case "String" -> j + "getString(rs, " + col + ")";
                default -> j + "get" + key + "(rs, " + col + ")";
            };
            w.line("{ " + f.queryType() + " v = " + getter + "; " + f.assign("v == null ? null : " + SPI
                    + "Metamodel.lazyRef(v, o, " + lit(f.fkTarget()) + ", " + lit(f.name()) + ")") + " s[" + i
                    + "] = v; }");
            return;
        }
        w.line("{ " + f.sourceType() + " v = " + readExpression(f, col, m.simpleName(), m.table()) + "; "
                + f.assign("v") + " s[" + i + "] = v; }");
    }

    /** The expression reading plain field {@code f} (field index {@code i}) from the row, by column index. */
    private String readExpression(FieldInfo f, int i) {
        return readExpression(f, i == 0 ? "c" : "c + " + i, m.simpleName(), m.table());
    }

    /** The expression reading plain field {@code f} from column {@code col}. */
    private static String readExpression(FieldInfo f, String col, String where, String table) {
        String j = SPI + "Jdbc.";
        if (f.primitive()) {
            String getter = switch (f.sourceType()) {
                case "int" -> "getInt";
                case "long" -> "getLong";
                case "short" -> "getShort";
                case "double" -> "getDouble";
                case "float" -> "getFloat";
                case "boolean" -> "getBoolean";
                default -> throw new IllegalArgumentException(f.sourceType());
            };
            return "rs." + getter + "(" + col + ")";
        }
        return switch (f.fieldType()) {
            case "AUTO", "INTEGER" -> j + "getInteger(rs, " + col + ")";
            case "BIG_AUTO", "LONG" -> j + "getLong(rs, " + col + ")";
            case "SMALL_AUTO", "SHORT" -> j + "getShort(rs, " + col + ")";
            case "DECIMAL" -> f.nativeType().isEmpty() ? j + "getDecimal(rs, " + col + ", " + f.scale() + ")"
                    : j + "getDecimal(rs, " + col + ")";
            case "DOUBLE" -> j + "getDouble(rs, " + col + ")";
            case "FLOAT" -> j + "getFloat(rs, " + col + ")";
            case "BOOLEAN" -> j + "getBoolean(rs, " + col + ")";
            case "STRING", "TEXT", "EMAIL", "URL", "SLUG" -> "rs.getString(" + col + ")";
            case "UUID" -> j + "getUuid(rs, " + col + ", e)";
            case "DATE" -> j + "getDate(rs, " + col + ", e)";
            case "TIME" -> j + "getTime(rs, " + col + ", e)";
            case "INSTANT" -> j + "getInstant(rs, " + col + ", e)";
            case "OFFSET_DATETIME" -> j + "getOffsetDateTime(rs, " + col + ", e)";
            case "LOCAL_DATETIME" -> j + "getLocalDateTime(rs, " + col + ", e)";
            case "DURATION" -> j + "getDuration(rs, " + col + ")";
            case "ENUM_STRING" -> j + "getEnum(rs, " + col + ", " + f.typeArgument() + ".class)";
            case "ENUM_INT" -> j + "getEnumOrdinal(rs, " + col + ", " + Names.constant(f.member()) + "$VALUES)";
            case "JSON" -> f.typeArgument() == null ? j + "getJson(rs, " + col + ")"
                    : j + "getJson(rs, " + col + ", " + f.typeArgument() + ".class)";
            case "BINARY" -> j + "getBytes(rs, " + col + ")";
            case "INET" -> j + "getInet(rs, " + col + ")";
            case "ARRAY" -> j + "getList(rs, " + col + ", " + f.typeArgument() + ".class, " + lit("field " + where
                    + "." + f.name() + " (column " + table + "." + f.column() + ")") + ")";
            default -> throw new IllegalArgumentException(f.fieldType());
        };
    }
}
