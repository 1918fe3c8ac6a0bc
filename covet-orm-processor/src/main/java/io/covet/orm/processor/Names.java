package io.covet.orm.processor;

import java.util.Locale;
import java.util.Set;

/** Naming rules shared by the analysis and the generated code. */
final class Names {
    private static final Set<String> RESERVED = Set.of("TABLE", "TYPE", "META", "BASE_COLUMNS");

    private Names() {
    }

    /** {@code createdAt} → {@code created_at}; {@code OrderLine} → {@code order_line}. */
    static String snake(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))
                        || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                        && Character.isUpperCase(name.charAt(i - 1))))) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The constant name of a metamodel member: {@code createdAt} → {@code CREATED_AT}. */
    static String constant(String name) {
        String c = snake(name).toUpperCase(Locale.ROOT);
        return RESERVED.contains(c) ? c + "_" : c;
    }
}
