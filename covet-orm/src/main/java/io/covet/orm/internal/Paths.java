package io.covet.orm.internal;

import io.covet.orm.Path;

import java.util.ArrayList;
import java.util.List;

/** A {@link Path}'s structure as the query assembly walks it. Not an API. */
public final class Paths {
    private Paths() {
    }

    /** The last step. */
    public static PathStep last(Path<?, ?, ?> path) {
        List<PathStep> steps = Access.get().steps(path);
        return steps.get(steps.size() - 1);
    }

    /** The path without its last step, or null for a one-step path. */
    public static Path<?, ?, ?> parent(Path<?, ?, ?> path) {
        List<PathStep> steps = Access.get().steps(path);
        return steps.size() == 1 ? null : Access.get().path(steps.subList(0, steps.size() - 1));
    }

    /** Whether every step is a foreign key or one-to-one field (so the path can be joined row for row). */
    public static boolean allForward(Path<?, ?, ?> path) {
        return Access.get().steps(path).stream().allMatch(s -> s.kind() == PathStep.Kind.FORWARD);
    }

    /** The path's prefixes, shortest first, ending with the path itself. */
    public static List<Path<?, ?, ?>> prefixes(Path<?, ?, ?> path) {
        List<Path<?, ?, ?>> out = new ArrayList<>();
        for (Path<?, ?, ?> p = path; p != null; p = parent(p)) {
            out.add(0, p);
        }
        return out;
    }
}
