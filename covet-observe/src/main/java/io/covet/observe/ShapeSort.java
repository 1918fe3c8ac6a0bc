package io.covet.observe;

/** The order of a list of {@link ShapeSnapshot}s, largest first. */
public enum ShapeSort {
    /** By 99th-percentile duration: the shapes that are slow for someone. */
    P99,
    /** By total time spent: the shapes that cost the database most. */
    TOTAL,
    /** By number of executions. */
    CALLS
}
