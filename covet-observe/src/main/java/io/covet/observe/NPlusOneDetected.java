package io.covet.observe;

import io.covet.core.error.CovetException;

/**
 * Thrown in {@link NPlusOneMode#STRICT} mode by the lazy load that makes one relation's loads in one unit of work
 * reach the threshold: the code loops over rows and loads a relation per row, instead of loading them all with one
 * more query.
 */
public final class NPlusOneDetected extends CovetException {
    private final String model;
    private final String relation;
    private final boolean toMany;
    private final int loads;

    NPlusOneDetected(String model, String relation, boolean toMany, int loads, String message) {
        super(message);
        this.model = model;
        this.relation = relation;
        this.toMany = toMany;
        this.loads = loads;
    }

    /** The warning text for {@code load}: what happened and the fix. */
    static String message(io.covet.core.pipeline.LazyLoad load, int loads) {
        if (!load.deferred()) {
            return message(load.model(), load.relation(), load.toMany(), loads);
        }
        String field = load.model() + "_." + load.relation().replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toUpperCase(java.util.Locale.ROOT);
        return "N+1 queries: the deferred fields of " + load.model() + " were loaded on access of " + load.model()
                + "." + load.relation() + " " + loads + " times in one unit of work, one query per " + load.model()
                + "; load them with the rows instead (only(..., " + field + ") or no defer(" + field
                + ")), or all at once with orm.loadDeferred(list)";
    }

    /** The warning text: what happened and the fix. */
    static String message(String model, String relation, boolean toMany, int loads) {
        String field = model + "_." + relation.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        return "N+1 queries: " + model + "." + relation + " was lazily loaded " + loads + " times in one unit of work,"
                + " one query per " + model + "; load it with the rows instead: "
                + (toMany ? "prefetchRelated(" + field + ") (one more query for every row's " + relation + ")"
                          : "selectRelated(" + field + ") (a join in the same query)");
    }

    /** Whether the relation is a collection (fixed with prefetchRelated) rather than one instance (selectRelated). */
    public boolean toMany() {
        return toMany;
    }

    /** The model whose relation was loaded. */
    public String model() {
        return model;
    }

    /** The relation. */
    public String relation() {
        return relation;
    }

    /** How many lazy loads the unit of work made. */
    public int loads() {
        return loads;
    }
}
