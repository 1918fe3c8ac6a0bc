package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the history of a {@link Model}: every committed insert, update and delete of its rows becomes a version in
 * a history table that migrations create next to the model's table ({@code <table>_history} unless
 * {@link #table()} says otherwise), together with the database triggers that write it. Because the triggers run in
 * the database, writes made by {@code QuerySet.update()}, bulk operations, raw SQL and other applications are
 * recorded too. An update that changes no tracked column records nothing.
 *
 * <p>Guarantee: once the migration that {@code makemigrations} generates for this annotation has run, the history
 * table holds one version per change of a tracked column. History tables exist only through migrations;
 * {@code Orm.createTables()} does not create them. Attribution (who and why) comes from {@link Audit#as}. See
 * {@code docs/history.md} for what "as of T" means on each engine.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface History {
    /** The history table's name; empty for {@code <table>_history}. */
    String table() default "";

    /** Java field names not copied into the history (a change to only these fields records no version). */
    String[] exclude() default {};

    /** How the versions are written; {@link Capture#TRIGGERS} unless said otherwise. */
    Capture capture() default Capture.TRIGGERS;

    /** Who writes the history. */
    enum Capture {
        /** Database triggers created by the model's migration: every write is captured, raw SQL included. */
        TRIGGERS,
        /**
         * Covet's ORM writes the versions itself, for databases where triggers are not allowed; a write that
         * bypasses the ORM is handled as {@code docs/history.md} describes.
         */
        APPLICATION,
        /** MariaDB's own system versioning ({@code WITH SYSTEM VERSIONING}); refused on other engines. */
        SYSTEM_VERSIONING
    }
}
