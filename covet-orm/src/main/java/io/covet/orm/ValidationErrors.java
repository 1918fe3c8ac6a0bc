package io.covet.orm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The problems found by {@code full_clean}, per field ({@code __all__} for the instance as a whole). */
public final class ValidationErrors {
    /** The key of problems that belong to no single field. */
    public static final String ALL = "__all__";

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    /** Records a problem with a field. */
    public void add(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    /** Records a problem with the instance as a whole. */
    public void add(String message) {
        add(ALL, message);
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The problems by field, in the order found; unmodifiable. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        errors.forEach((field, messages) -> messages.forEach(m -> sb.append(sb.length() == 0 ? "" : "; ")
                .append(field).append(": ").append(m)));
        return sb.toString();
    }
}
