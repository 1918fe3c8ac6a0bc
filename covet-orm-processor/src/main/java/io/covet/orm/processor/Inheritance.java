package io.covet.orm.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Inheritance from a concrete {@code @Model} class. A proxy model ({@code @Model(proxy = true)}) is its concrete
 * parent's analysis under another name, ordering and manager. A model extending a concrete model without
 * {@code proxy = true} is a multi-table child: the parent's fields followed by its own, its own table.
 */
final class Inheritance {
    private static final String ORM = ModelProcessor.ORM;
    /** The {@code @Model} attributes a proxy takes from its concrete model and may not set itself. */
    private static final List<String> PARENT_OWNED = List.of("table", "indexes", "uniqueTogether", "checks",
            "primaryKey", "readOnly");

    private Inheritance() {
    }

    /** The result of analysing a model that extends a concrete model. */
    record Result(ModelInfo info, String parent, boolean multiTable, String[] singleTable,
                  List<ModelInfo> ancestors) {
        Result(ModelInfo info, String parent) {
            this(info, parent, false, null, List.of());
        }

        Result(ModelInfo info, String parent, boolean multiTable, String[] singleTable) {
            this(info, parent, multiTable, singleTable, List.of());
        }
    }

    /**
     * Checks a model that extends the concrete model {@code parent} without {@code proxy = true} (multi-table
     * inheritance); returns the parent's analysis, which {@link #combine} joins with the child's own, or a result
     * without info when something is wrong (reported).
     */
    private static Result multiTable(ProcessingEnvironment env, TypeElement type, TypeElement parent,
                                     BiConsumer<Element, String> error) {
        String simple = type.getSimpleName().toString();
        String p = parent.getSimpleName().toString();
        boolean ok = true;
        if (isProxy(parent)) {
            error.accept(type, simple + " extends the proxy model " + p + ": a proxy has no table of its own for a "
                    + "multi-table child to link to; extend " + p + "'s concrete model, or make " + simple
                    + " a proxy too with @Model(proxy = true)");
            return new Result(null, null);
        }
        for (String attr : List.of("primaryKey", "readOnly")) {
            if (explicit(env, type, attr)) {
                error.accept(type, "multi-table child " + simple + " sets @Model(" + attr + "): its key is the "
                        + "parent's (" + p + "), shared through the one-to-one link; remove " + attr);
                ok = false;
            }
        }
        List<TypeElement> line = new java.util.ArrayList<>(List.of(type));
        for (TypeElement up = parent; up != null; up = modelSuperclass(up)) {
            line.add(up); // every ancestor: a grandchild's root may carry the annotation
        }
        TypeElement root = line.get(line.size() - 1);
        for (TypeElement t : line) {
            if (mirror(t, "History") != null) {
                error.accept(type, "multi-table inheritance (" + simple + " extends " + p + ") with @History on "
                        + t.getSimpleName() + " is not supported yet: a child's versions would span several tables; "
                        + "remove @History, or share the fields through an @AbstractModel base instead (each model "
                        + "its own table with its own history)");
                ok = false;
            }
            if (mirror(t, "SoftDelete") != null && t != root) {
                error.accept(type, "multi-table child " + t.getSimpleName() + " is annotated @SoftDelete: a child's "
                        + "rows are marked in its root's table, so declare @SoftDelete (and its fields) on the root "
                        + root.getSimpleName() + ", where it applies to every model of the hierarchy");
                ok = false;
            }
        }
        String pkg = ModelProcessor.packageOf(type);
        if (!ModelProcessor.packageOf(parent).equals(pkg)) {
            error.accept(type, "multi-table child " + simple + " is in package " + pkg + " but its parent " + p
                    + " is in " + ModelProcessor.packageOf(parent) + ": declare the child in the parent's package, "
                    + "where the generated " + simple + "_ can reach the inherited fields");
            ok = false;
        }
        Analyzer pa = new Analyzer(env, parent, true);
        ModelInfo pi = pa.analyze();
        if (pa.failed() || !ok) {
            return new Result(null, null);
        }
        if (!pi.compositeKey().isEmpty() || pi.fields().stream().noneMatch(FieldInfo::primaryKey)) {
            error.accept(type, simple + " extends " + p + ", which has no single @PrimaryKey field: a multi-table "
                    + "child's table links to its parent's row by that one key");
            return new Result(null, null);
        }
        List<ModelInfo> ancestors = new java.util.ArrayList<>(pa.multiTableAncestors());
        ancestors.add(pi);
        return new Result(pi, parent.getQualifiedName().toString(), true, null, List.copyOf(ancestors));
    }

    /** The column of a multi-table child's link to its parent: {@code <parent>_ptr_id}. */
    static String linkColumn(ModelInfo parent) {
        return Names.snake(parent.simpleName()) + "_ptr_id";
    }

    /**
     * A multi-table child as generated: the parent's fields then the child's own ({@code own}, analysed as if it
     * had no parent), the parent's relations then its own, its own ordering (else the parent's), table, indexes,
     * constraints and manager. Reports an own field that redefines a parent field or its column; null then.
     */
    static ModelInfo combine(ModelInfo parent, ModelInfo own, TypeElement type, BiConsumer<Element, String> error) {
        boolean ok = true;
        String simple = own.simpleName();
        String link = linkColumn(parent);
        for (FieldInfo f : own.fields()) {
            for (FieldInfo pf : parent.fields()) {
                if (pf.name().equals(f.name()) || pf.column().equalsIgnoreCase(f.column())) {
                    error.accept(type, "multi-table child " + simple + " redefines " + (pf.name().equals(f.name())
                            ? "field " + f.name() : "column " + f.column() + " (field " + f.name() + ")") + " of its "
                            + "parent " + parent.simpleName() + ": the child's rows have the parent's fields already; "
                            + "remove it from " + simple + " or give it another name");
                    ok = false;
                }
            }
            if (f.primaryKey()) {
                error.accept(type, "multi-table child " + simple + " declares the primary key " + f.name() + ": its "
                        + "key is its parent's (" + parent.simpleName() + "), stored in column " + link + "; remove "
                        + "@PrimaryKey");
                ok = false;
            }
            if (f.column().equalsIgnoreCase(link)) {
                error.accept(type, "multi-table child " + simple + " has a field on column " + link + ", the link "
                        + "to its parent's row: rename it with @Column(name = ...)");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        List<FieldInfo> fields = new java.util.ArrayList<>(parent.fields());
        fields.addAll(own.fields());
        List<RelationInfo> relations = new java.util.ArrayList<>(parent.relations());
        relations.addAll(own.relations());
        return new ModelInfo(own.packageName(), simple, own.qualifiedName(), own.table(), fields, relations,
                own.ordering().isEmpty() ? parent.ordering() : own.ordering(), own.indexes(), own.uniques(),
                own.checks(), List.of(), false, false, null, List.of(), parent.softDelete(), own.manager(),
                "TRIGGERS");
    }

    /** The nearest superclass annotated {@code @Model}, or null. */
    static TypeElement modelSuperclass(TypeElement type) {
        TypeMirror sup = type.getSuperclass();
        while (sup.getKind() == TypeKind.DECLARED) {
            TypeElement s = (TypeElement) ((DeclaredType) sup).asElement();
            if (mirror(s, "Model") != null) {
                return s;
            }
            sup = s.getSuperclass();
        }
        return null;
    }

    /**
     * Analyses {@code type}, whose {@code @Model} has the values {@code mv}, when it is a proxy or extends a
     * concrete model; returns null for any other model (the caller analyses it as usual) and reports every
     * problem through {@code error}, which also makes the returned info unusable (the caller checks its flag).
     */
    static Result analyze(ProcessingEnvironment env, TypeElement type, Map<String, Object> mv, String manager,
                          BiConsumer<Element, String> error) {
        boolean proxy = Boolean.TRUE.equals(mv.get("proxy"));
        TypeElement parent = modelSuperclass(type);
        String simple = type.getSimpleName().toString();
        if (parent == null) {
            if (proxy) {
                error.accept(type, simple + " is @Model(proxy = true) but extends no @Model class: a proxy model "
                        + "extends the concrete model whose table it shares (class " + simple + " extends Parent)");
            }
            return null;
        }
        if (!proxy) {
            if (SingleTable.isRoot(type)) {
                error.accept(type, simple + " declares inheritance = SINGLE_TABLE but extends the model "
                        + parent.getSimpleName() + ": a single-table root is the top of its hierarchy; extend Entity "
                        + "or an @AbstractModel base");
                return new Result(null, null);
            }
            TypeElement root = SingleTable.rootOf(parent);
            return root != null ? SingleTable.child(env, type, parent, root, mv, error)
                    : multiTable(env, type, parent, error);
        }
        TypeElement concrete = parent;
        while (isProxy(concrete)) {
            concrete = modelSuperclass(concrete);
            if (concrete == null) {
                return new Result(null, null); // that proxy reports its own error
            }
        }
        boolean ok = true;
        TypeElement stiRoot = SingleTable.rootOf(concrete);
        if (stiRoot != null && stiRoot != concrete) {
            error.accept(type, "proxy model " + simple + " of the single-table subclass " + concrete.getSimpleName()
                    + " is not supported yet: make it a proxy of the root " + stiRoot.getSimpleName() + " whose "
                    + "manager's initial(...) filters on the discriminator, or a single-table subclass of its own");
            ok = false;
        }
        for (String attr : PARENT_OWNED) {
            if (explicit(env, type, attr)) {
                error.accept(type, "proxy model " + simple + " sets @Model(" + attr + "): a proxy shares the table "
                        + "of " + concrete.getSimpleName() + ", so " + attr + " belongs on " + concrete.getSimpleName());
                ok = false;
            }
        }
        for (String ann : List.of("History", "SoftDelete")) {
            if (mirror(type, ann) != null) {
                error.accept(type, "proxy model " + simple + " is annotated @" + ann + ": it shares the table of "
                        + concrete.getSimpleName() + ", whose @" + ann + " applies to it; annotate "
                        + concrete.getSimpleName() + " instead");
                ok = false;
            }
        }
        for (Element e : type.getEnclosedElements()) {
            if (e.getKind() == ElementKind.FIELD && !e.getModifiers().contains(Modifier.STATIC)
                    && !e.getModifiers().contains(Modifier.TRANSIENT)) {
                error.accept(e, "proxy model " + simple + " declares the field " + e.getSimpleName() + ": a proxy "
                        + "shares the table of " + concrete.getSimpleName() + " and adds no columns; move the field "
                        + "to " + concrete.getSimpleName() + ", or mark it transient if it is not persistent");
                ok = false;
            }
        }
        String pkg = ModelProcessor.packageOf(type);
        if (!ModelProcessor.packageOf(concrete).equals(pkg)) {
            error.accept(type, "proxy model " + simple + " is in package " + pkg + " but its concrete model "
                    + concrete.getSimpleName() + " is in " + ModelProcessor.packageOf(concrete) + ": declare the "
                    + "proxy in the concrete model's package, where the generated " + simple + "_ can reach its fields");
            ok = false;
        }
        Analyzer pa = new Analyzer(env, concrete, true);
        ModelInfo pi = pa.analyze();
        if (pa.failed() || !ok) {
            return new Result(null, null); // the concrete model reports its own problems
        }
        List<String> ordering = ((List<?>) mv.getOrDefault("ordering", List.of())).stream()
                .map(o -> String.valueOf(o instanceof AnnotationValue av ? av.getValue() : o)).toList();
        ModelInfo info = new ModelInfo(pkg, simple, type.getQualifiedName().toString(), pi.table(), pi.fields(),
                pi.relations(), ordering.isEmpty() ? pi.ordering() : ordering, pi.indexes(), pi.uniques(),
                pi.checks(), pi.compositeKey(), false, pi.readOnly(), pi.historyTable(), pi.historyExcluded(),
                pi.softDelete(), manager, pi.historyCapture());
        return new Result(info, concrete.getQualifiedName().toString());
    }

    /**
     * The model that declares the key of {@code t}: the concrete model of a proxy, the parent of a multi-table
     * child, {@code t} itself for any other model (or when the chain is broken).
     */
    static TypeElement concreteOf(TypeElement t) {
        TypeElement c = t;
        while (modelSuperclass(c) != null) {
            TypeElement up = modelSuperclass(c);
            if (up == null) {
                return t;
            }
            c = up;
        }
        return c;
    }

    static boolean isProxy(TypeElement t) {
        AnnotationMirror m = mirror(t, "Model");
        if (m == null) {
            return false;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("proxy")) {
                return Boolean.TRUE.equals(e.getValue().getValue());
            }
        }
        return false;
    }

    /** Whether {@code @Model} on {@code t} sets {@code attr} explicitly. */
    private static boolean explicit(ProcessingEnvironment env, TypeElement t, String attr) {
        AnnotationMirror m = mirror(t, "Model");
        return m != null && m.getElementValues().keySet().stream().anyMatch(k -> k.getSimpleName().contentEquals(attr));
    }

    private static AnnotationMirror mirror(Element e, String simpleName) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(ORM + simpleName)) {
                return m;
            }
        }
        return null;
    }
}
