/**
 * The machinery of covet-observe: the bounded shape table and its latency histograms, ring buffers of recent
 * events, the caller finder and the trace comment. Not exported; free to change in any release. Nothing here
 * refers to the API package, which calls in (a facade) and turns these into its immutable records.
 */
package io.covet.observe.internal;
