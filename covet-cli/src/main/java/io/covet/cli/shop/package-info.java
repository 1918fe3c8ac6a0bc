/**
 * The small shop that {@code covet demo} defines, migrates, fills, queries and backs up. It is the CLI's own, so
 * the CLI does not ship the examples module; the full example shop, with its tests and guide, lives in
 * {@code examples}. The package's last segment makes the migration app {@code shop}.
 */
package io.covet.cli.shop;
