/**
 * The ORM's machinery, not an API: query assembly from an immutable {@link io.covet.orm.internal.QuerySpec}
 * ({@code QuerySql}, {@code Joins}, {@code Keys}, {@code Relations}), reads ({@code QueryReads}, {@code EntityMapper},
 * {@code Prefetcher}, {@code QueryIterator}), writes ({@code Writer}, {@code Deleter}, {@code RecordWriter},
 * {@code QueryWrites}, {@code M2mOps}), DDL ({@code Ddl}), registry checks ({@code RegistryValidator}) and validation
 * ({@code Validation}). {@link io.covet.orm.Orm} and {@link io.covet.orm.QuerySet} are their facades; these classes
 * never see a query set, only its spec. Types here may change in any release.
 */
package io.covet.orm.internal;
