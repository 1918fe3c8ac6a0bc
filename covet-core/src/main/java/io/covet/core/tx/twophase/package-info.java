/**
 * Two-phase commit across databases: {@link io.covet.core.tx.twophase.TwoPhaseCommit} runs one unit of work on
 * several PostgreSQL and MariaDB databases and commits everywhere or nowhere, recovering in-doubt branches after a
 * crash. It sits above {@link io.covet.core.Database} (it coordinates several), which is why it is not in
 * {@code io.covet.core.tx}: single-database transactions are below {@code Database}, this is above it.
 */
package io.covet.core.tx.twophase;
