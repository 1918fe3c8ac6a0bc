package io.covet.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How inspectdb turns database names into Java names and text: class and field names that compile whatever the
 * table or column is called (keywords, digits first, names the generated files already use), the ORM's default
 * column of a field, string literals and Javadoc-safe text.
 */
final class JavaNames {
    /** Java's keywords and literals: no field or package part may be one. */
    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits");
    /** Simple names the generated files import or rely on: a model class may not take one of them. */
    static final Set<String> TAKEN = Set.of("Entity", "Model", "Column", "PrimaryKey", "ForeignKey",
            "OnDelete", "Ref", "Index", "Unique", "Check", "FieldType", "BigDecimal", "Instant", "LocalDate",
            "LocalDateTime", "LocalTime", "UUID", "JsonNode", "String", "Integer", "Long", "Short", "Double",
            "Float", "Boolean", "Object", "Override", "Class", "System", "Math", "Record", "Enum", "Void");

    private JavaNames() {
    }

    static String array(List<String> items) {
        List<String> quoted = items.stream().map(JavaNames::literal).toList();
        return quoted.size() == 1 ? quoted.get(0) : "{" + String.join(", ", quoted) + "}";
    }

    /** {@code invoice_line} / {@code InvoiceLine} / {@code invoice line} → {@code InvoiceLine}. */
    static String className(String table) {
        StringBuilder sb = new StringBuilder();
        for (String part : words(table)) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        String name = sb.length() == 0 ? "Table" : sb.toString();
        if (Character.isDigit(name.charAt(0))) {
            name = "T" + name;
        }
        return TAKEN.contains(name) || name.endsWith("_") ? name + "Model" : name;
    }

    /** {@code album_id} / {@code AlbumId} / {@code ID} → {@code albumId} / {@code albumId} / {@code id}. */
    static String fieldName(String column) {
        StringBuilder sb = new StringBuilder();
        for (String part : words(column)) {
            if (sb.length() == 0) {
                sb.append(part.equals(part.toUpperCase(Locale.ROOT)) ? part.toLowerCase(Locale.ROOT)
                        : Character.toLowerCase(part.charAt(0)) + part.substring(1));
            } else {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String name = sb.length() == 0 ? "column" : sb.toString();
        if (Character.isDigit(name.charAt(0))) {
            name = "c" + name;
        }
        return KEYWORDS.contains(name) ? name + "Value" : name;
    }

    /** A relation's field: the column without its {@code _id} / {@code Id} suffix. */
    static String relationName(String column) {
        for (String suffix : List.of("_id", "_ID", "Id", "ID")) {
            if (column.length() > suffix.length() && column.endsWith(suffix)) {
                return fieldName(column.substring(0, column.length() - suffix.length()));
            }
        }
        return fieldName(column);
    }

    static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n); i++) {
            n = name + i;
        }
        return n;
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The ORM's default column for a field: {@code albumId} → {@code album_id}. */
    static String snake(String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && (Character.isLowerCase(field.charAt(i - 1)) || Character.isDigit(field.charAt(i - 1))
                        || (i + 1 < field.length() && Character.isLowerCase(field.charAt(i + 1))
                        && Character.isUpperCase(field.charAt(i - 1))))) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A Java string literal. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Text safe inside a Javadoc comment: no comment terminator, no HTML, no unicode escape. */
    static String javadoc(String s) {
        return s.replace("&", "&amp;").replace("*/", "*&#47;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("@", "&#64;").replace("\\u", "\\\\u");
    }
}
