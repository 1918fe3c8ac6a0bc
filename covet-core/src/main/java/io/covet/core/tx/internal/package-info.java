/**
 * The implementation of {@link io.covet.core.tx}: not an API. {@code EngineTx} holds every engine difference.
 */
package io.covet.core.tx.internal;
