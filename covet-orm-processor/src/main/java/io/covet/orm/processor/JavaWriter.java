package io.covet.orm.processor;

/** A minimal writer of Java source text: lines with indentation, and string literals escaped. */
final class JavaWriter {
    private final StringBuilder sb = new StringBuilder();
    private int indent;

    JavaWriter line(String text) {
        if (!text.isEmpty()) {
            sb.append("    ".repeat(indent));
        }
        sb.append(text).append('\n');
        return this;
    }

    JavaWriter open(String text) {
        line(text + " {");
        indent++;
        return this;
    }

    JavaWriter close() {
        indent--;
        return line("}");
    }

    JavaWriter close(String suffix) {
        indent--;
        return line("}" + suffix);
    }

    /** A Java string literal for {@code s}, or {@code null}. */
    static String lit(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
