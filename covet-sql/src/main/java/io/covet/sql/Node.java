package io.covet.sql;

/**
 * A piece of the query tree that writes itself into a {@link Ctx}. Every dialect difference of a construct lives
 * in its node's {@code render}, switching on {@code ctx.family()}, so a new construct is one small class.
 *
 * <p>Nodes are immutable; records where possible, so that structural equality (which the render cache relies on)
 * covers every component automatically. {@link Param} is the one node whose equality ignores its value.
 */
interface Node {
    /** Appends this node's SQL and parameters; must emit the same parameters in both full and dry mode. */
    void render(Ctx ctx);
}
