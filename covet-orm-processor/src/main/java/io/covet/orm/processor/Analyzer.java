package io.covet.orm.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one model class into a {@link ModelInfo}, reporting each problem as a compile error on its element. */
final class Analyzer {
    private static final String ORM = ModelProcessor.ORM;
    private final ProcessingEnvironment env;
    private final Elements elements;
    private final Types types;
    private final TypeElement type;
    private boolean failed;
    /** Whether problems are only counted, not reported (a proxy's analysis of its concrete model). */
    private final boolean quiet;
    /** The concrete model a proxy model inherits from; null for others. */
    private String inheritsFrom;
    /** The analysis of a multi-table child's parent; null for other models. */
    private ModelInfo multiTableParent;
    /** A multi-table child's ancestors, the root first and its parent last; empty for other models. */
    private List<ModelInfo> multiTableAncestors = List.of();
    /** A single-table model's {root class, discriminator column, value}; null for other models. */
    private String[] singleTable;
    /** The analysis of a single-table subclass's root; null for other models. */
    private ModelInfo singleTableRoot;

    Analyzer(ProcessingEnvironment env, TypeElement type) {
        this(env, type, false);
    }

    Analyzer(ProcessingEnvironment env, TypeElement type, boolean quiet) {
        this.env = env;
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.type = type;
        this.quiet = quiet;
    }

    /** The qualified name of the concrete model a proxy model inherits from; null for others. */
    String inheritsFrom() {
        return inheritsFrom;
    }

    /** The analysis of a multi-table child's parent; null for other models. */
    ModelInfo multiTableParent() {
        return multiTableParent;
    }

    /**
     * A multi-table child's ancestors as analysed (each with its inherited fields first), the root first and its
     * parent last; empty for other models.
     */
    List<ModelInfo> multiTableAncestors() {
        return multiTableAncestors;
    }

    /** A single-table model's (root or subclass) {root class, discriminator column, value}; null for others. */
    String[] singleTable() {
        return singleTable;
    }

    boolean failed() {
        return failed;
    }

    private void error(Element e, String message) {
        failed = true;
        if (quiet) {
            return;
        }
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, message, e);
    }

    ModelInfo analyze() {
        String pkg = ModelProcessor.packageOf(type);
        String simple = type.getSimpleName().toString();
        String qualified = type.getQualifiedName().toString();
        TypeElement entity = elements.getTypeElement(ORM + "Entity");
        boolean record = type.getKind() == ElementKind.RECORD;
        if (!record && !types.isSubtype(type.asType(), entity.asType())) {
            error(type, simple + " is annotated @Model but does not extend io.covet.orm.Entity");
        }
        if (type.getNestingKind().isNested() && !type.getModifiers().contains(Modifier.STATIC)) {
            error(type, simple + " is an inner class: make it a top-level or static nested class");
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            error(type, simple + " is abstract: annotate abstract bases with @AbstractModel instead of @Model");
        }
        if (!record && !ModelProcessor.hasNoArgConstructor(type)) {
            error(type, simple + " needs a non-private constructor without parameters: the generated row mapper "
                    + "creates instances with it");
        }
        AnnotationMirror m = mirror(type, "Model");
        Map<String, Object> mv = values(m);
        if (!record && (Boolean.TRUE.equals(mv.get("proxy")) || Inheritance.modelSuperclass(type) != null)) {
            AnnotationMirror own = Boolean.TRUE.equals(mv.get("proxy")) ? mirror(type, "Manager") : null;
            String ownManager = own == null ? null : ModelOptions.manager(env, values(own).get("value"), simple,
                    msg -> error(type, msg));
            Inheritance.Result inherited = Inheritance.analyze(env, type, mv, ownManager, this::error);
            if (inherited != null && inherited.singleTable() != null) {
                singleTableRoot = inherited.info();
                singleTable = inherited.singleTable();
                inheritsFrom = inherited.parent();
            } else if (inherited != null && inherited.multiTable()) {
                multiTableParent = inherited.info();
                multiTableAncestors = inherited.ancestors();
                inheritsFrom = inherited.parent();
            } else if (inherited != null) {
                failed |= inherited.info() == null;
                inheritsFrom = inherited.parent();
                return inherited.info();
            }
        }
        String table = str(mv.get("table"));
        if (table.isEmpty()) {
            table = Names.snake(simple);
        }
        List<FieldInfo> fields = new ArrayList<>();
        List<RelationInfo> relations = new ArrayList<>();
        Set<String> members = new HashSet<>();
        for (VariableElement f : ModelProcessor.fields(type, elements.getTypeElement(ORM + "AbstractModel"))) {
            if (record && relationAnnotated(f)) {
                error(f, "record model " + simple + " declares the relation " + f.getSimpleName() + ": record "
                        + "models hold plain fields only; use a class extending Entity for relations");
                continue;
            }
            // a record's fields are read through its accessors and set only by its canonical constructor
            String[] accessors = record ? new String[]{f.getSimpleName().toString(), null} : checkAccess(f, pkg);
            if (mirror(f, "ManyToMany") != null || mirror(f, "Reverse") != null) {
                RelationInfo r = relation(f, table, simple);
                if (r != null) {
                    relations.add(r);
                }
                continue;
            }
            FieldInfo fi = field(f, accessors);
            if (fi != null) {
                if (!members.add(fi.member()) || !members.add(Names.constant(fi.member()))) {
                    error(f, "field " + fi.name() + " clashes with another metamodel member named " + fi.member());
                }
                fields.add(fi);
            }
        }
        if (SingleTable.isRoot(type) && singleTableRoot == null && !failed) {
            String[] sti = SingleTable.rootOptions(mv, simple);
            FieldInfo d = SingleTable.rootField(type, qualified, sti, fields, record, this::error);
            if (d != null) {
                fields.add(d);
                singleTable = new String[]{qualified, sti[0], sti[1]};
            }
        }
        List<String> keyNames = new ArrayList<>();
        list(mv.get("primaryKey")).forEach(o -> keyNames.add(str(o)));
        List<String> compositeKey = CompositeKey.resolve(keyNames, fields, simple, msg -> error(type, msg));
        Map<String, String> columnOf = new HashMap<>();
        fields.forEach(fi -> columnOf.put(fi.name(), fi.column()));
        List<String> ordering = new ArrayList<>();
        for (Object o : list(mv.get("ordering"))) {
            ordering.add(str(o));
        }
        List<Group> indexes = groups(mv.get("indexes"), columnOf, false);
        List<Group> uniques = groups(mv.get("uniqueTogether"), columnOf, true);
        List<String[]> checks = new ArrayList<>();
        for (Object o : list(mv.get("checks"))) {
            Map<String, Object> c = values((AnnotationMirror) o);
            checks.add(new String[]{str(c.get("name")), str(c.get("expression"))});
        }
        AnnotationMirror hm = mirror(type, "History");
        String historyTable = null;
        String historyCapture = "TRIGGERS";
        List<String> historyExcluded = new ArrayList<>();
        if (hm != null) {
            Map<String, Object> hv = values(hm);
            historyTable = str(hv.get("table")).isEmpty() ? table + "_history" : str(hv.get("table"));
            if (hv.get("capture") != null) {
                historyCapture = str(hv.get("capture"));
            }
            for (Object o : list(hv.get("exclude"))) {
                String ex = str(o);
                if (fields.stream().noneMatch(fi -> fi.name().equals(ex))) {
                    error(type, "@History(exclude) of " + simple + " names " + ex + ", which is not a persistent "
                            + "field of the model; name Java fields");
                } else if (fields.stream().anyMatch(fi -> fi.name().equals(ex) && fi.primaryKey())) {
                    error(type, "@History(exclude) of " + simple + " names its primary key " + ex + ", which every "
                            + "history version needs");
                }
                historyExcluded.add(ex);
            }
            if (Boolean.TRUE.equals(mv.get("readOnly"))) {
                error(type, simple + " is @Model(readOnly = true) and @History: a model the ORM does not write "
                        + "has no changes of its own to track; remove one of them");
            }
        }
        AnnotationMirror sdm = mirror(type, "SoftDelete");
        String[] softDelete = ModelOptions.softDelete(sdm == null ? null : values(sdm), fields, simple,
                Boolean.TRUE.equals(mv.get("readOnly")), msg -> error(type, msg));
        AnnotationMirror mm = mirror(type, "Manager");
        if (record && (sdm != null || mm != null)) {
            error(type, simple + " is a record model: @SoftDelete and @Manager need a class extending Entity "
                    + "(record queries and saves have neither)");
        }
        String manager = mm == null ? null : ModelOptions.manager(env, values(mm).get("value"), simple,
                msg -> error(type, msg));
        ModelInfo info = new ModelInfo(pkg, simple, qualified, table, fields, relations, ordering, indexes, uniques,
                checks, compositeKey, record, Boolean.TRUE.equals(mv.get("readOnly")), historyTable, historyExcluded,
                softDelete, manager, historyCapture);
        if (singleTableRoot != null) {
            ModelInfo combined = SingleTable.combine(singleTableRoot, info, singleTable, type, this::error);
            return combined == null ? info : combined;
        }
        if (multiTableParent != null) {
            ModelInfo combined = Inheritance.combine(multiTableParent, info, type, this::error);
            return combined == null ? info : combined;
        }
        return info;
    }

    private boolean relationAnnotated(VariableElement f) {
        return mirror(f, "ForeignKey") != null || mirror(f, "OneToOne") != null || mirror(f, "ManyToMany") != null
                || mirror(f, "Reverse") != null || isType(f.asType(), ORM + "Ref")
                || isType(f.asType(), ORM + "Related");
    }

    /** The accessor pair {getter, setter} of a private field, or null when the field is used directly. */
    private String[] checkAccess(VariableElement f, String pkg) {
        String where = type.getSimpleName() + "." + f.getSimpleName();
        if (f.getModifiers().contains(Modifier.PRIVATE)) {
            String[] pair = accessors(f, pkg);
            if (pair == null) {
                error(f, "field " + where + " is private: the generated " + type.getSimpleName() + "_ reads and "
                        + "assigns persistent fields directly (no reflection), so make it package-private, add a "
                        + "non-private getter and setter, or mark it transient if it is not persistent");
            }
            return pair;
        } else if (f.getModifiers().contains(Modifier.FINAL) && mirror(f, "ManyToMany") == null
                && mirror(f, "Reverse") == null) {
            error(f, "field " + where + " is final: the generated mapper must assign it; remove final");
        } else if (!ModelProcessor.packageOf(f).equals(pkg) && !f.getModifiers().contains(Modifier.PUBLIC)) {
            error(f, "field " + where + " is declared in " + f.getEnclosingElement().getSimpleName() + " in another "
                    + "package, so the generated " + type.getSimpleName() + "_ cannot reach it: make it public");
        }
        return null;
    }

    /** A non-private {@code getX()/isX()/x()} and {@code setX(T)} of the field's class, reachable from the package. */
    private String[] accessors(VariableElement f, String pkg) {
        String n = f.getSimpleName().toString();
        String cap = Character.toUpperCase(n.charAt(0)) + n.substring(1);
        TypeElement owner = (TypeElement) f.getEnclosingElement();
        String getter = null;
        String setter = null;
        for (Element m : owner.getEnclosedElements()) {
            if (m.getKind() != ElementKind.METHOD || m.getModifiers().contains(Modifier.PRIVATE)
                    || m.getModifiers().contains(Modifier.STATIC)
                    || (!ModelProcessor.packageOf(owner).equals(pkg) && !m.getModifiers().contains(Modifier.PUBLIC))) {
                continue;
            }
            ExecutableElement e = (ExecutableElement) m;
            String name = e.getSimpleName().toString();
            if (e.getParameters().isEmpty() && types.isSameType(e.getReturnType(), f.asType())
                    && (name.equals("get" + cap) || name.equals("is" + cap) || name.equals(n))) {
                getter = name;
            } else if (e.getParameters().size() == 1 && name.equals("set" + cap)
                    && types.isSameType(e.getParameters().get(0).asType(), f.asType())) {
                setter = name;
            }
        }
        return getter != null && setter != null ? new String[]{getter, setter} : null;
    }

    /** Index or unique-together groups; an unnamed one keeps an empty name, which the runtime's naming rule fills. */
    private List<Group> groups(Object value, Map<String, String> columnOf, boolean uniqueTogether) {
        List<Group> out = new ArrayList<>();
        for (Object o : list(value)) {
            Map<String, Object> g = values((AnnotationMirror) o);
            List<String> cols = new ArrayList<>();
            for (Object f : list(g.get("fields"))) {
                String c = columnOf.get(str(f));
                if (c == null) {
                    error(type, type.getSimpleName() + ": index or unique-together names '" + str(f)
                            + "', which is not a field; fields: " + columnOf.keySet());
                    return out;
                }
                cols.add(c);
            }
            // uniqueTogether groups are unique by definition; an @Index is unique when it says so
            out.add(new Group(str(g.get("name")), cols, uniqueTogether || Boolean.TRUE.equals(g.get("unique"))));
        }
        return out;
    }

    private RelationInfo relation(VariableElement f, String table, String simple) {
        String name = f.getSimpleName().toString();
        TypeMirror t = f.asType();
        if (!isType(t, ORM + "Related") || ((DeclaredType) t).getTypeArguments().size() != 1) {
            error(f, "field " + simple + "." + name + " must be declared as Related<Target>");
            return null;
        }
        TypeElement target = (TypeElement) types.asElement(((DeclaredType) t).getTypeArguments().get(0));
        if (mirror(target, "Model") == null) {
            error(f, "field " + simple + "." + name + " relates to " + target.getSimpleName()
                    + (mirror(target, "AbstractModel") != null ? ", an @AbstractModel, which has no table of its own "
                    + "for a relation to reference: relate to a @Model that extends it (or make "
                    + target.getSimpleName() + " a concrete @Model, whose children are then multi-table children)"
                    : ", which is not annotated @Model"));
            return null;
        }
        String tq = target.getQualifiedName().toString();
        AnnotationMirror rev = mirror(f, "Reverse");
        if (rev != null) {
            return new RelationInfo(name, false, tq, null, null, null, null, str(values(rev).get("field")));
        }
        Map<String, Object> v = values(mirror(f, "ManyToMany"));
        TypeMirror through = (TypeMirror) v.get("through");
        String throughName = ((TypeElement) types.asElement(through)).getQualifiedName().toString();
        if (throughName.equals(ORM + "Entity")) {
            String jt = str(v.get("table"));
            String s = Names.snake(simple) + "_id";
            String tc = Names.snake(target.getSimpleName().toString()) + "_id";
            if (s.equals(tc)) {
                s = "from_" + s;
                tc = "to_" + tc;
            }
            return new RelationInfo(name, true, tq, null, jt.isEmpty() ? table + "_" + Names.snake(name) : jt, s,
                    tc, null);
        }
        return new RelationInfo(name, true, tq, throughName, null, null, null, null);
    }

    private FieldInfo field(VariableElement f, String[] accessors) {
        String name = f.getSimpleName().toString();
        String where = type.getSimpleName() + "." + name;
        TypeMirror t = f.asType();
        boolean primitive = t.getKind().isPrimitive();
        Map<String, Object> col = values(mirror(f, "Column"));
        AnnotationMirror pkm = mirror(f, "PrimaryKey");
        AnnotationMirror fkm = mirror(f, "ForeignKey");
        AnnotationMirror o2o = mirror(f, "OneToOne");
        String column = str(col.get("name"));
        boolean nullable = !primitive && Boolean.TRUE.equals(col.get("nullable"));
        boolean unique = Boolean.TRUE.equals(col.get("unique"));
        boolean indexed = Boolean.TRUE.equals(col.get("index"));
        String explicit = col.containsKey("type") ? str(col.get("type")) : "INFER";
        String typeArg = null;
        String fkTarget = null;
        String onDelete = null;
        String fkConstraint = "";
        String dbOnDelete = null;
        String nativeType = str(col.get("nativeType")).strip();
        String queryType;
        String fieldType;
        String binary = types.erasure(t).toString();
        if (fkm != null || o2o != null) {
            Map<String, Object> fv = values(fkm != null ? fkm : o2o);
            if (!isType(t, ORM + "Ref") || ((DeclaredType) t).getTypeArguments().size() != 1) {
                error(f, "foreign key " + where + " must be declared as Ref<Target>");
                return null;
            }
            TypeElement target = (TypeElement) types.asElement(((DeclaredType) t).getTypeArguments().get(0));
            if (mirror(target, "Model") == null) {
                error(f, "foreign key " + where + " points at " + target.getSimpleName()
                        + ", which is not annotated @Model");
                return null;
            }
            String[] key = targetKey(Inheritance.concreteOf(target));
            List<?> targetComposite = list(values(mirror(Inheritance.concreteOf(target), "Model")).get("primaryKey"));
            if (key == null && !targetComposite.isEmpty()) {
                error(f, "foreign key " + where + " points at " + target.getSimpleName() + ", which has a composite "
                        + "primary key " + targetComposite + "; a foreign key needs a target with one @PrimaryKey "
                        + "field: give " + target.getSimpleName() + " one and declare the composite key's fields "
                        + "in uniqueTogether");
                return null;
            }
            if (key == null) {
                error(f, "foreign key " + where + " points at " + target.getSimpleName()
                        + ", which has no @PrimaryKey field");
                return null;
            }
            fkTarget = target.getQualifiedName().toString();
            typeArg = fkTarget;
            onDelete = str(fv.get("onDelete"));
            fkConstraint = str(fv.get("constraint"));
            nullable = Boolean.TRUE.equals(fv.get("nullable"));
            dbOnDelete = fv.containsKey("dbOnDelete") ? str(fv.get("dbOnDelete")) : "DEFAULT";
            if (!dbOnDelete.equals("DEFAULT") && !onDelete.equals("DO_NOTHING")) {
                error(f, "foreign key " + where + " declares the database rule dbOnDelete = " + dbOnDelete
                        + " and onDelete = " + onDelete + ", so both Covet and the database would act on a delete: "
                        + "use onDelete = OnDelete.DO_NOTHING with a database rule");
                return null;
            }
            if (dbOnDelete.equals("SET_NULL") && !nullable) {
                error(f, "foreign key " + where + " declares dbOnDelete = SET_NULL but is not nullable: add "
                        + "nullable = true");
                return null;
            }

            indexed = !fv.containsKey("index") || Boolean.TRUE.equals(fv.get("index"));
            if (o2o != null) {
                unique = true;
                indexed = false;
            }
            String c = str(fv.get("column"));
            column = c.isEmpty() ? Names.snake(name) + "_id" : c;
            fieldType = key[0];
            queryType = key[1];
            binary = key[1];
        } else {
            String[] inferred = infer(f, t, explicit, pkm != null && autoKey(pkm));
            if (inferred == null) {
                return null;
            }
            fieldType = inferred[0];
            queryType = inferred[1];
            typeArg = inferred[2];
            if (fieldType.equals("ARRAY") && !ArrayField.nativeTypeFits(typeArg, nativeType, where,
                    msg -> error(f, msg))) {
                return null;
            }
            if (typeArg != null) {
                binary = fieldType.equals("ARRAY") ? typeArg // an array's FieldMeta.javaType is its element
                        : elements.getBinaryName((TypeElement) types.asElement(t)).toString();
            }
        }
        if (column.isEmpty()) {
            column = pkm != null && !str(values(pkm).get("column")).isEmpty() ? str(values(pkm).get("column"))
                    : Names.snake(name);
        }
        int maxLength = ((Number) col.getOrDefault("maxLength", 0)).intValue();
        boolean bounded = Set.of("STRING", "EMAIL", "URL", "SLUG", "ENUM_STRING", "INET").contains(fieldType);
        if (maxLength == 0 && bounded) {
            maxLength = switch (fieldType) {
                case "EMAIL" -> 254;
                case "URL" -> 200;
                case "SLUG" -> 50;
                case "INET" -> 39;
                default -> 255;
            };
        }
        boolean decimal = fieldType.equals("DECIMAL") || ArrayField.decimal(fieldType, typeArg);
        List<String> choices = new ArrayList<>();
        list(col.get("choices")).forEach(c -> choices.add(str(c)));
        List<String> validators = new ArrayList<>();
        for (Object v : list(col.get("validators"))) {
            TypeElement ve = (TypeElement) types.asElement((TypeMirror) v);
            if (!ModelProcessor.hasNoArgConstructor(ve)) {
                error(f, "validator " + ve.getSimpleName() + " on " + where + " needs a public no-argument constructor");
            }
            validators.add(ve.getQualifiedName().toString());
        }
        String def = str(col.get("defaultValue"));
        String dbDef = str(col.get("dbDefault"));
        String member = fkTarget != null ? name + "Id" : name;
        String enumType = str(col.get("enumType")).strip();
        List<String> enumLabels = new ArrayList<>();
        if (!enumType.isEmpty()) {
            Element te = types.asElement(t);
            if (!fieldType.equals("ENUM_STRING") || te == null || te.getKind() != ElementKind.ENUM) {
                error(f, where + " declares enumType = \"" + enumType + "\" but is not an enum stored by name; "
                        + "a database enum type holds the constants of a Java enum: declare the field as that enum");
                return null;
            }
            if (!nativeType.isEmpty()) {
                error(f, where + " declares both enumType and nativeType; keep one (enumType: Covet creates the type "
                        + "from the Java enum)");
                return null;
            }
            if (!enumType.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                error(f, where + " declares enumType = \"" + enumType + "\"; a type name is letters, digits and "
                        + "underscores starting with a letter, e.g. mood");
                return null;
            }
            for (Element e : te.getEnclosedElements()) {
                if (e.getKind() == ElementKind.ENUM_CONSTANT) {
                    enumLabels.add(e.getSimpleName().toString());
                }
            }
        }
        String[] gen = GeneratedColumn.read(f, elements, where, pkm != null, fkTarget != null,
                !def.isEmpty() || !dbDef.isEmpty(), msg -> error(f, msg));
        return new FieldInfo(name, member, t.toString(), primitive, fieldType, queryType, binary, column, nullable,
                pkm != null, unique, indexed, bounded || fieldType.equals("ARRAY") ? maxLength : 0,
                decimal ? ((Number) col.getOrDefault("precision", 19)).intValue() : 0,
                decimal ? ((Number) col.getOrDefault("scale", 2)).intValue() : 0,
                def.isEmpty() ? null : def, dbDef.isEmpty() ? null : dbDef, choices, str(col.get("help")),
                validators, fkTarget, onDelete, fkConstraint, o2o != null, typeArg, accessors == null ? null : accessors[0],
                accessors == null ? null : accessors[1], dbOnDelete, nativeType, enumType, enumLabels,
                gen == null ? null : gen[0], gen != null && Boolean.parseBoolean(gen[1]));
    }

    private boolean autoKey(AnnotationMirror pk) {
        Object v = values(pk).get("auto");
        return v == null || Boolean.TRUE.equals(v);
    }

    /** {fieldType, queryType, typeArgument-or-null} for a plain field, or null after reporting an error. */
    private String[] infer(VariableElement f, TypeMirror t, String explicit, boolean auto) {
        String where = type.getSimpleName() + "." + f.getSimpleName();
        String boxed = t.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) t)
                .getQualifiedName().toString() : types.erasure(t).toString();
        if (auto) {
            return switch (boxed) {
                case "java.lang.Long" -> new String[]{"BIG_AUTO", boxed, null};
                case "java.lang.Integer" -> new String[]{"AUTO", boxed, null};
                case "java.lang.Short" -> new String[]{"SMALL_AUTO", boxed, null};
                default -> {
                    error(f, "auto primary key " + where + " must be Long, Integer or Short; for another type use "
                            + "@PrimaryKey(auto = false) and assign it yourself");
                    yield null;
                }
            };
        }
        Element te = types.asElement(t);
        if (te != null && te.getKind() == ElementKind.ENUM) {
            String en = ((TypeElement) te).getQualifiedName().toString();
            if (explicit.equals("ENUM_INT")) {
                return new String[]{"ENUM_INT", "java.lang.Integer", en};
            }
            return new String[]{"ENUM_STRING", en, en};
        }
        if (boxed.equals("java.util.List") && !explicit.equals("JSON")) {
            return ArrayField.infer(t, explicit, where, msg -> error(f, msg));
        }
        if (explicit.equals("JSON")) {
            if (boxed.equals("com.fasterxml.jackson.databind.JsonNode")) {
                return new String[]{"JSON", "io.covet.sql.Json", null};
            }
            return new String[]{"JSON", "io.covet.sql.Json", boxed};
        }
        String ft = switch (boxed) {
            case "java.lang.Integer" -> "INTEGER";
            case "java.lang.Long" -> "LONG";
            case "java.lang.Short" -> "SHORT";
            case "java.math.BigDecimal" -> "DECIMAL";
            case "java.lang.Double" -> "DOUBLE";
            case "java.lang.Float" -> "FLOAT";
            case "java.lang.Boolean" -> "BOOLEAN";
            case "java.lang.String" -> "STRING";
            case "java.util.UUID" -> "UUID";
            case "java.time.LocalDate" -> "DATE";
            case "java.time.LocalTime" -> "TIME";
            case "java.time.Instant" -> "INSTANT";
            case "java.time.OffsetDateTime" -> "OFFSET_DATETIME";
            case "java.time.LocalDateTime" -> "LOCAL_DATETIME";
            case "java.time.Duration" -> "DURATION";
            case "com.fasterxml.jackson.databind.JsonNode" -> "JSON";
            case "java.net.InetAddress" -> "INET";
            default -> t.getKind() == TypeKind.ARRAY && t.toString().equals("byte[]") ? "BINARY" : null;
        };
        if (ft == null) {
            error(f, "field " + where + " has type " + t + ", which has no column mapping; supported: Integer, Long, "
                    + "Short, BigDecimal, Double, Float, Boolean, String, UUID, LocalDate, LocalTime, LocalDateTime, "
                    + "Instant, OffsetDateTime, Duration, enums, JsonNode (or any type with @Column(type = JSON)), byte[], "
                    + "InetAddress, List<E> (a PostgreSQL array), Ref<Model>; mark it transient if it is not persistent");
            return null;
        }
        if (ft.equals("STRING") && Set.of("TEXT", "EMAIL", "URL", "SLUG").contains(explicit)) {
            ft = explicit;
        } else if (!explicit.equals("INFER") && !explicit.equals(ft)) {
            error(f, "field " + where + " of type " + t + " cannot be stored as " + explicit);
            return null;
        }
        String q = switch (ft) {
            case "DURATION" -> "java.lang.Long";
            case "INET" -> "java.lang.String";
            case "JSON" -> "io.covet.sql.Json";
            case "BINARY" -> "byte[]";
            default -> boxed;
        };
        return new String[]{ft, q, null};
    }

    /** {fieldType, queryType} of the columns pointing at {@code target}'s primary key, or null. */
    private String[] targetKey(TypeElement target) {
        for (VariableElement f : ModelProcessor.fields(target, elements.getTypeElement(ORM + "AbstractModel"))) {
            AnnotationMirror pk = mirror(f, "PrimaryKey");
            if (pk == null) {
                continue;
            }
            TypeMirror t = f.asType();
            String boxed = t.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) t)
                    .getQualifiedName().toString() : types.erasure(t).toString();
            String ft = switch (boxed) {
                case "java.lang.Long" -> "LONG";
                case "java.lang.Integer" -> "INTEGER";
                case "java.lang.Short" -> "SHORT";
                case "java.util.UUID" -> "UUID";
                case "java.lang.String" -> "STRING";
                default -> null;
            };
            return ft == null ? null : new String[]{ft, boxed};
        }
        return null;
    }

    private boolean isType(TypeMirror t, String qualified) {
        return t.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals(qualified);
    }

    private AnnotationMirror mirror(Element e, String simpleName) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(ORM + simpleName)) {
                return m;
            }
        }
        return null;
    }

    private Map<String, Object> values(AnnotationMirror m) {
        Map<String, Object> out = new HashMap<>();
        if (m == null) {
            return out;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(m).entrySet()) {
            out.put(e.getKey().getSimpleName().toString(), e.getValue().getValue());
        }
        return out;
    }

    private static List<?> list(Object v) {
        if (v == null) {
            return List.of();
        }
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            out.add(o instanceof AnnotationValue av ? av.getValue() : o);
        }
        return out;
    }

    private static String str(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof VariableElement ve) {
            return ve.getSimpleName().toString(); // an enum constant
        }
        return v.toString();
    }
}
