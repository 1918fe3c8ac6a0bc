package io.covet.observe;

/** What N+1 detection does when one relation is lazily loaded again and again in one unit of work. */
public enum NPlusOneMode {
    /** Nothing is counted. */
    OFF,
    /** A warning (once per model, relation and unit of work) and the {@code covet.orm.n_plus_one} counter. */
    WARN,
    /** Like {@link #WARN}, and the lazy load that crosses the threshold fails with {@link NPlusOneDetected} (for tests). */
    STRICT
}
