/**
 * Pool management around HikariCP: {@link io.covet.core.pool.PoolSettings} (sizes, lifetimes, validation, leak
 * detection, hooks, sizing policy, listeners), the live {@link io.covet.core.pool.Pool} with its
 * {@link io.covet.core.pool.PoolStats}, {@link io.covet.core.pool.PoolListener} events and
 * {@link io.covet.core.pool.SizingPolicy}. HikariCP does the pooling; see {@code docs/pool-and-resilience.md}.
 */
package io.covet.core.pool;
