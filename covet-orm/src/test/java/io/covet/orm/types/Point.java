package io.covet.orm.types;

import java.util.Objects;

/** A Jackson-mapped JSON value. */
public final class Point {
    public int x;
    public String label;

    public Point() {
    }

    Point(int x, String label) {
        this.x = x;
        this.label = label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p && p.x == x && Objects.equals(p.label, label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(x, label);
    }

    @Override
    public String toString() {
        return "Point(" + x + ", " + label + ")";
    }
}
