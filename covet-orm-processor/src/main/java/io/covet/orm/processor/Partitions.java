package io.covet.orm.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.covet.orm.processor.JavaWriter.lit;

/**
 * Reads {@code @Partitioned} on a model: the key's fields become columns, each problem is reported, and the result is
 * the metadata call the generated metamodel appends ({@code .withPartitioning(…)}), or nothing.
 */
final class Partitions {
    private static final String SPI = ModelProcessor.ORM + "spi.";

    private Partitions() {
    }

    /** The {@code .withPartitioning(…)} suffix for the generated META, or "" when the model is not partitioned. */
    static String read(Elements elements, TypeElement type, ModelInfo info, Consumer<String> error) {
        AnnotationMirror pm = null;
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(ModelProcessor.ORM + "Partitioned")) {
                pm = m;
            }
        }
        if (pm == null) {
            return "";
        }
        Map<String, Object> v = values(elements, pm);
        String method = ((VariableElement) v.get("method")).getSimpleName().toString();
        List<String> columns = new ArrayList<>();
        for (Object o : (List<?>) v.get("fields")) {
            String f = String.valueOf(((AnnotationValue) o).getValue());
            FieldInfo fi = info.fields().stream().filter(x -> x.name().equals(f)).findFirst().orElse(null);
            if (fi == null) {
                error.accept("@Partitioned(fields) of " + info.simpleName() + " names " + f + ", which is not a "
                        + "persistent field of the model; name Java fields");
                return "";
            }
            columns.add(lit(fi.column()));
        }
        if (columns.isEmpty()) {
            error.accept("@Partitioned of " + info.simpleName() + " names no fields: give the partition key");
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Object o : (List<?>) v.get("partitions")) {
            Map<String, Object> p = values(elements, (AnnotationMirror) ((AnnotationValue) o).getValue());
            parts.add("new " + SPI + "PartitionMeta.Part(" + lit(String.valueOf(p.get("name"))) + ", "
                    + lit(String.valueOf(p.get("bounds"))) + ")");
        }
        if (parts.isEmpty()) {
            error.accept("@Partitioned of " + info.simpleName() + " has no partitions: give at least one (the "
                    + "database refuses rows with no partition to go to)");
            return "";
        }
        return "\n            .withPartitioning(new " + SPI + "PartitionMeta(" + ModelProcessor.ORM
                + "Partitioned.Method." + method + ", java.util.List.of(" + String.join(", ", columns)
                + "), java.util.List.of(" + String.join(", ", parts) + ")))";
    }

    private static Map<String, Object> values(Elements elements, AnnotationMirror m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(m).entrySet()) {
            out.put(e.getKey().getSimpleName().toString(), e.getValue().getValue());
        }
        return out;
    }
}
