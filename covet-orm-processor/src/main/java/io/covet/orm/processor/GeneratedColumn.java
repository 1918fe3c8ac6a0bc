package io.covet.orm.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import java.util.Map;
import java.util.function.Consumer;

/** Reads {@code @Generated} on a model field and checks it against the field's other options. */
final class GeneratedColumn {
    private static final String ANNOTATION = "io.covet.orm.Generated";

    private GeneratedColumn() {
    }

    /**
     * {@code {expression, "true"|"false"}} for a field with {@code @Generated}, else null; reports through
     * {@code error} (and returns null) when the field cannot be generated: a key, a relation, or a field with a
     * default.
     */
    static String[] read(VariableElement f, Elements elements, String where, boolean key, boolean relation,
                         boolean hasDefault, Consumer<String> error) {
        AnnotationMirror m = null;
        for (AnnotationMirror a : f.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) {
                m = a;
            }
        }
        if (m == null) {
            return null;
        }
        String expression = "";
        boolean stored = true;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(m).entrySet()) {
            String name = e.getKey().getSimpleName().toString();
            if (name.equals("expression")) {
                expression = String.valueOf(e.getValue().getValue()).strip();
            } else if (name.equals("stored")) {
                stored = Boolean.TRUE.equals(e.getValue().getValue());
            }
        }
        String problem = expression.isEmpty() ? "has an empty @Generated expression; write the SQL that computes it, "
                + "e.g. @Generated(expression = \"qty * unit_price\")"
                : f.getEnclosingElement().getKind() == javax.lang.model.element.ElementKind.RECORD
                ? "is @Generated on a record model; a record cannot take the computed value back after a write: "
                + "make the model an Entity class"
                : key ? "is a primary key and @Generated; a key is written, not computed: remove one"
                : relation ? "is a relation and @Generated; generate a plain column instead"
                : hasDefault ? "is @Generated and declares a default; the database computes its value, so remove the "
                + "default" : null;
        if (problem != null) {
            error.accept(where + " " + problem);
            return null;
        }
        return new String[] {expression, String.valueOf(stored)};
    }
}
