/**
 * Transactions: {@code Database.atomic} blocks with savepoints, isolation and read-only modes, timeouts,
 * propagation, whole-block retries, commit and rollback callbacks, carrying a transaction to other threads,
 * the long-transaction monitor, and two-phase commit across databases ({@link io.covet.core.tx.twophase.TwoPhaseCommit}).
 * The guide is {@code docs/transactions.md}.
 */
package io.covet.core.tx;
