package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes deletes of a {@link Model} soft: {@code orm.delete(x)} and {@code QuerySet.delete()} stamp the row's
 * deletion time (and, when configured, who deleted it) instead of removing it, and every query through the ORM hides
 * stamped rows: {@code orm.objects(...)}, filters and lookups across relations, {@code selectRelated} joins,
 * prefetches, reverse and many-to-many accessors, counts and aggregates. {@code QuerySet.allObjects()} and
 * {@code deletedOnly()} see them, {@code restore()} brings them back, {@code purge()} removes them for good.
 *
 * <p>The model declares the columns itself as ordinary nullable fields, so they migrate like any other:
 * <pre>{@code
 * @Model @SoftDelete(deletedBy = "deletedBy")
 * public class Product extends Entity {
 *     @PrimaryKey Long id;
 *     @Column(unique = true) String sku;
 *     @Column(nullable = true) Instant deletedAt;   // null while the row is live
 *     @Column(nullable = true) String deletedBy;    // Audit.current()'s user at delete time
 * }
 * }</pre>
 *
 * <p>Guarantees: a soft delete never removes or changes rows of other models except by soft-deleting them
 * (see {@code docs/orm.md#soft-delete} for how each {@link OnDelete} rule applies); a row already deleted keeps its
 * first stamp; unique constraints of the model ({@code @Column(unique = true)}, {@link Model#uniqueTogether()}) apply to live rows
 * only, enforced by the schema that migrations and {@code Orm.createTables()} create.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SoftDelete {
    /** The Java name of the deletion-time field: a {@code java.time.Instant} with {@code @Column(nullable = true)}. */
    String field() default "deletedAt";

    /**
     * The Java name of a {@code String} field with {@code @Column(nullable = true)} for the deleting user (the user of
     * {@link Audit#current()} when the delete runs); empty for none.
     */
    String deletedBy() default "";
}
