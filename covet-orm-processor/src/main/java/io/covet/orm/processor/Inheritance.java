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
 * Inheritance from a concrete {@code @Model} class. Only proxy models ({@code @Model(proxy = true)}) are supported:
 * such a model is its concrete parent's analysis under another name, ordering and manager. A model extending a
 * concrete model without {@code proxy = true} (multi-table inheritance) is refused with a message saying what to
 * use instead.
 */
final class Inheritance {
    private static final String ORM = ModelProcessor.ORM;
    /** The {@code @Model} attributes a proxy takes from its concrete model and may not set itself. */
    private static final List<String> PARENT_OWNED = List.of("table", "indexes", "uniqueTogether", "checks",
            "primaryKey", "readOnly");

    private Inheritance() {
    }

    /** The result of analysing a model that extends a concrete model. */
    record Result(ModelInfo info, String parent) {
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
            error.accept(type, simple + " extends the concrete model " + parent.getSimpleName() + ": multi-table "
                    + "inheritance is not supported yet; declare @Model(proxy = true) for another Java type over the "
                    + "same table, or move the shared fields to an @AbstractModel base");
            return new Result(null, null);
        }
        TypeElement concrete = parent;
        while (isProxy(concrete)) {
            concrete = modelSuperclass(concrete);
            if (concrete == null) {
                return new Result(null, null); // that proxy reports its own error
            }
        }
        boolean ok = true;
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
                pi.softDelete(), manager);
        return new Result(info, concrete.getQualifiedName().toString());
    }

    /** The concrete model of a proxy model ({@code t} itself for any other model, or when the chain is broken). */
    static TypeElement concreteOf(TypeElement t) {
        TypeElement c = t;
        while (isProxy(c)) {
            TypeElement up = modelSuperclass(c);
            if (up == null) {
                return t;
            }
            c = up;
        }
        return c;
    }

    private static boolean isProxy(TypeElement t) {
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
