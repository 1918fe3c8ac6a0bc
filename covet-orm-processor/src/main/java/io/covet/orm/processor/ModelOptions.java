package io.covet.orm.processor;

import javax.annotation.processing.ProcessingEnvironment;
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
import java.util.function.Consumer;

/** The class-level options beside {@code @Model}: {@code @SoftDelete} and {@code @Manager}. */
final class ModelOptions {
    private ModelOptions() {
    }

    /**
     * The {@code @SoftDelete} of a model as {field, column, deletedByField or null, deletedByColumn or null}; null
     * when absent or wrong (each problem reported).
     */
    static String[] softDelete(Map<String, Object> values, List<FieldInfo> fields, String simple, boolean readOnly,
                               Consumer<String> error) {
        if (values == null) {
            return null;
        }
        String field = String.valueOf(values.get("field"));
        String by = String.valueOf(values.get("deletedBy"));
        FieldInfo at = find(fields, field);
        boolean ok = true;
        if (readOnly) {
            error.accept(simple + " is @Model(readOnly = true) and @SoftDelete: a model the ORM does not write has no "
                    + "deletes to mark; remove one of them");
            ok = false;
        }
        if (at == null || !at.fieldType().equals("INSTANT") || !at.nullable()) {
            error.accept("@SoftDelete of " + simple + " needs a nullable java.time.Instant field named " + field
                    + (at == null ? " (there is none)" : " (" + field + " is not one)") + ": declare "
                    + "'@Column(nullable = true) Instant " + field + ";' or name another with @SoftDelete(field = \"...\")");
            ok = false;
        }
        FieldInfo who = by.isEmpty() ? null : find(fields, by);
        if (!by.isEmpty() && (who == null || !List.of("STRING", "TEXT").contains(who.fieldType()) || !who.nullable())) {
            error.accept("@SoftDelete(deletedBy = \"" + by + "\") of " + simple + " needs a nullable String field "
                    + "named " + by + (who == null ? " (there is none)" : " (" + by + " is not one)") + ": declare "
                    + "'@Column(nullable = true) String " + by + ";'");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new String[]{field, at.column(), who == null ? null : by, who == null ? null : who.column()};
    }

    /**
     * The query-set class of {@code @Manager} (qualified name), checked to extend {@code CustomQuerySet} with a
     * public constructor taking one {@code QuerySet}; null when absent or wrong (reported).
     */
    static String manager(ProcessingEnvironment env, Object value, String simple, Consumer<String> error) {
        if (!(value instanceof TypeMirror t) || t.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement qs = (TypeElement) ((DeclaredType) t).asElement();
        String name = qs.getQualifiedName().toString();
        boolean constructor = false;
        for (Element e : qs.getEnclosedElements()) {
            if (e.getKind() == ElementKind.CONSTRUCTOR && e.getModifiers().contains(Modifier.PUBLIC)) {
                List<? extends javax.lang.model.element.VariableElement> ps = ((ExecutableElement) e).getParameters();
                constructor |= ps.size() == 1 && env.getTypeUtils().erasure(ps.get(0).asType()).toString()
                        .equals(ModelProcessor.ORM + "QuerySet");
            }
        }
        if (!constructor || qs.getModifiers().contains(Modifier.ABSTRACT)) {
            error.accept("@Manager(" + qs.getSimpleName() + ".class) of " + simple + " needs a concrete class with a "
                    + "public constructor taking QuerySet<" + simple + ">, which orm.objects(" + simple
                    + "_.TYPE) calls: add 'public " + qs.getSimpleName() + "(QuerySet<" + simple + "> base) { super("
                    + "base, " + qs.getSimpleName() + "::new); }'");
            return null;
        }
        return name;
    }

    private static FieldInfo find(List<FieldInfo> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
