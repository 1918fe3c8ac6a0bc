package io.covet.orm.types;

import io.covet.orm.Validator;

/** Accepts even numbers only. */
public class EvenValidator implements Validator {
    @Override
    public String validate(Object value) {
        return ((Integer) value) % 2 == 0 ? null : "must be even, was " + value;
    }
}
