package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A many-to-many relation, declared on a field of type {@code Related<Target>}. Without {@link #through()} Covet
 * owns a join table ({@code <table>_<field>} with {@code <model>_id} and {@code <target>_id}, unique together,
 * both foreign keys ON DELETE CASCADE). With a through model, its two foreign keys to the source and the target
 * are used and its extra fields are the application's. Either end may be a multi-table child (the key references
 * its link column) or a single-table subclass (the key references the root's table, and reads through the relation
 * keep the subclass's rows only); a subclass, having no table, names the default join table {@code <model>_<field>}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ManyToMany {
    /** An explicit through model; {@code Entity.class} (the default) for an automatic join table. */
    Class<? extends Entity> through() default Entity.class;

    /** The automatic join table's name; defaults to {@code <table>_<field>}. */
    String table() default "";
}
