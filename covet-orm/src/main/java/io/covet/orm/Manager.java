package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Replaces a {@link Model}'s default manager: {@code orm.objects(Post_.TYPE)} returns an instance of {@link #value()}
 * instead of a plain {@link QuerySet}, so the model's own query methods chain with the built-in ones and with each
 * other ({@code orm.objects(Post_.TYPE).published().recent().list()}), checked by the compiler. The processor types
 * the generated {@code Post_.TYPE} as {@code ManagedType<Post, PostQuery>} and creates the query set through its
 * public constructor taking a {@code QuerySet<Post>}; a class without one is a compile error.
 *
 * <p>{@code orm.objects(Post.class)} still returns the plain query set; other managers need no annotation:
 * {@code orm.objects(Post_.TYPE, Drafts::new)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Manager {
    /** The query-set class: a subclass of {@link CustomQuerySet} for this model. */
    Class<? extends CustomQuerySet<?, ?>> value();
}
