/**
 * Which database engine a database runs on: {@link io.covet.core.engine.Engine}. A package of its own, below
 * both {@code io.covet.core.dialect} (quoting, capabilities) and {@code io.covet.core.error} (every exception
 * names its engine), so that neither depends on the other's package in a cycle.
 */
package io.covet.core.engine;
