package io.covet.orm.spi;

import io.covet.core.engine.Engine;
import io.covet.orm.Validator;
import io.covet.sql.Column;
import io.covet.sql.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The row mapper and field access of one model, implemented by its generated metamodel table ({@code Name_}) and
 * wrapped by {@link ModelType#of}: the same methods as {@link ModelType}'s, with the same guarantees. It exists so
 * that a model's metamodel is one class rather than two: a separate generated {@code ModelType} subclass per model
 * was a third of the classes an {@code Orm}'s cold start loads and verifies. For the ORM, not for applications.
 *
 * @param <T> the model class
 */
public interface ModelCodec<T> {
    /** As {@link ModelType#columns(Table)}: the model's columns of {@code table} (this metamodel or an alias). */
    List<Column<?>> columns(Table table);

    /** As {@link ModelType#newInstance()}. */
    T newInstance();

    /** As {@link ModelType#read(ResultSet, int, Engine, Object[])}. */
    T read(ResultSet rs, int from, Engine engine, Object[] snapshot) throws SQLException;

    /** As {@link ModelType#get(Object, int)}. */
    Object get(T instance, int field);

    /** As {@link ModelType#set(Object, int, Object)}. */
    void set(T instance, int field, Object value);

    /** As {@link ModelType#readField(ResultSet, int, Engine, Object, int, Object[])}. */
    void readField(ResultSet rs, int column, Engine engine, T instance, int field, Object[] snapshot)
            throws SQLException;

    /** As {@link ModelType#deferredByDefault(int)}; false unless the generated code says otherwise. */
    default boolean deferredByDefault(int field) {
        return false;
    }

    /** As {@link ModelType#bindRelations(Object)}; nothing unless the model declares reverse relations. */
    default void bindRelations(T instance) {
    }

    /** As {@link ModelType#validators(int)}; none unless the field declares validators. */
    default List<Validator> validators(int field) {
        return List.of();
    }
}
