package io.covet.orm.processor;

import java.util.List;

/**
 * Writes the two members of a model's {@code Type} that partial loading ({@code defer}/{@code only}) uses:
 * {@code readField}, which reads one field from one column, and {@code deferredByDefault}, the fields declared
 * {@code @Column(deferred = true)}.
 */
final class DeferredReads {
    /** Writes the statement reading field {@code f} (index {@code i}) from column {@code c} into {@code o}. */
    interface FieldReader {
        void read(JavaWriter w, FieldInfo f, int i);
    }

    private DeferredReads() {
    }

    static void write(JavaWriter w, ModelInfo m, String model, List<String> deferred, FieldReader reader) {
        w.line("");
        w.line("@Override");
        w.open("public void readField(java.sql.ResultSet rs, int c, io.covet.core.engine.Engine e, " + model
                + " o, int field, Object[] s) throws java.sql.SQLException");
        w.open("switch (field)");
        for (int i = 0; i < m.fields().size(); i++) {
            w.line("case " + i + ":");
            reader.read(w, m.fields().get(i), i);
            w.line("break;");
        }
        w.line("default: throw new IndexOutOfBoundsException(\"" + model + " has " + m.fields().size()
                + " fields, not \" + (field + 1));");
        w.close();
        w.close();
        if (deferred.isEmpty()) {
            return;
        }
        w.line("");
        w.line("@Override");
        w.open("public boolean deferredByDefault(int field)");
        StringBuilder cond = new StringBuilder();
        for (int i = 0; i < m.fields().size(); i++) {
            if (deferred.contains(m.fields().get(i).name())) {
                cond.append(cond.length() == 0 ? "" : " || ").append("field == ").append(i);
            }
        }
        w.line("return " + cond + ";");
        w.close();
    }
}
