package io.covet.orm.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code @Column(deferred = true)}: the fields a model's queries leave out unless asked. Kept apart from the
 * analyser so that the field records stay as they are; the generator takes the names.
 */
final class DeferredColumns {
    private static final String COLUMN = ModelProcessor.ORM + "Column";

    private DeferredColumns() {
    }

    /**
     * The names of the model's deferred fields, in field order; reports (and leaves out) a deferred primary key and
     * any deferred field of a record model.
     */
    static List<String> read(ProcessingEnvironment env, TypeElement type, ModelInfo info) {
        TypeElement abstractModel = env.getElementUtils().getTypeElement(ModelProcessor.ORM + "AbstractModel");
        List<String> out = new ArrayList<>();
        for (VariableElement f : ModelProcessor.fields(type, abstractModel)) {
            if (!deferred(env, f)) {
                continue;
            }
            String name = f.getSimpleName().toString();
            String where = "field " + type.getSimpleName() + "." + name;
            FieldInfo fi = info.fields().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (info.record()) {
                env.getMessager().printMessage(Diagnostic.Kind.ERROR, where + " is @Column(deferred = true) on a "
                        + "record model; a record is built from its whole row: make the model an Entity class or "
                        + "remove deferred", f);
            } else if (fi != null && fi.primaryKey()) {
                env.getMessager().printMessage(Diagnostic.Kind.ERROR, where + " is a primary key and "
                        + "@Column(deferred = true); the key is always loaded (it identifies the row): remove "
                        + "deferred", f);
            } else if (fi != null) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean deferred(ProcessingEnvironment env, VariableElement f) {
        for (AnnotationMirror a : f.getAnnotationMirrors()) {
            if (!((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(COLUMN)) {
                continue;
            }
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                    : env.getElementUtils().getElementValuesWithDefaults(a).entrySet()) {
                if (e.getKey().getSimpleName().contentEquals("deferred")) {
                    return Boolean.TRUE.equals(e.getValue().getValue());
                }
            }
        }
        return false;
    }
}
