package io.covet.orm.internal;

import io.covet.orm.Entity;
import io.covet.orm.FieldType;
import io.covet.orm.ValidationErrors;
import io.covet.orm.ValidationException;
import io.covet.orm.Validator;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelType;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** full_clean: every field's checks, then the model's {@code clean}; all problems reported together. Not an API. */
public final class Validation {
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern SLUG = Pattern.compile("^[-A-Za-z0-9_]+$");

    private Validation() {
    }

    /**
     * Validates an instance.
     *
     * @throws ValidationException listing every problem
     */
    public static <T> void fullClean(ModelType<T> type, T e) {
        fullClean(type, e, errors -> { });
    }

    /**
     * Validates an instance, then lets {@code more} add problems (the database checks of uniqueness).
     *
     * @throws ValidationException listing every problem
     */
    public static <T> void fullClean(ModelType<T> type, T e, java.util.function.Consumer<ValidationErrors> more) {
        ValidationErrors errors = new ValidationErrors();
        List<FieldMeta> fields = type.meta().fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldMeta f = fields.get(i);
            if (f.generated() != null) {
                continue; // the database computes it; whatever the instance holds is not written
            }
            if (e instanceof Entity entity && Deferral.untouched(entity, i)) {
                continue; // deferred and not set: not written, and the instance does not know its value
            }
            Object v = type.get(e, i);
            if (v == null) {
                if (!f.nullable() && !f.type().auto() && f.dbDefault() == null) {
                    errors.add(f.name(), "this field cannot be null");
                }
                continue;
            }
            check(f, v, errors);
            for (Validator val : type.validators(i)) {
                String problem = val.validate(v);
                if (problem != null) {
                    errors.add(f.name(), problem);
                }
            }
        }
        if (e instanceof Entity entity) {
            Access.get().clean(entity, errors);
        }
        more.accept(errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(type.meta().simpleName(), errors);
        }
    }

    private static void check(FieldMeta f, Object v, ValidationErrors errors) {
        if (v instanceof String s) {
            if (f.type().bounded() && s.codePointCount(0, s.length()) > f.maxLength()) {
                errors.add(f.name(), "ensure this value has at most " + f.maxLength() + " characters (it has "
                        + s.codePointCount(0, s.length()) + ")");
            }
            if (s.indexOf('\0') >= 0) {
                errors.add(f.name(), "null characters are not allowed");
            }
            switch (f.type()) {
                case EMAIL -> {
                    if (!EMAIL.matcher(s).matches()) {
                        errors.add(f.name(), "enter a valid e-mail address");
                    }
                }
                case SLUG -> {
                    if (!SLUG.matcher(s).matches()) {
                        errors.add(f.name(), "enter a valid slug: letters, digits, underscores or hyphens");
                    }
                }
                case URL -> {
                    if (!validUrl(s)) {
                        errors.add(f.name(), "enter a valid http(s) URL");
                    }
                }
                default -> {
                }
            }
        }
        // a native column type (e.g. BIGINT UNSIGNED, unbounded NUMERIC) has the engine's range, not precision/scale
        if (v instanceof BigDecimal d && f.type() == FieldType.DECIMAL && f.nativeType() == null) {
            BigDecimal n = d.stripTrailingZeros();
            int scale = Math.max(n.scale(), 0);
            int whole = n.precision() - n.scale();
            if (scale > f.scale()) {
                errors.add(f.name(), "ensure there are at most " + f.scale() + " decimal places");
            }
            if (whole > f.precision() - f.scale()) {
                errors.add(f.name(), "ensure there are at most " + (f.precision() - f.scale())
                        + " digits before the decimal point");
            }
        }
        if (!f.choices().isEmpty()) {
            String text = v instanceof Enum<?> en ? en.name() : v.toString();
            if (!f.choices().contains(text)) {
                errors.add(f.name(), "value '" + text + "' is not a valid choice; choose one of " + f.choices());
            }
        }
    }

    private static boolean validUrl(String s) {
        try {
            URI u = new URI(s);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && !u.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
