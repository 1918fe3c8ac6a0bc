package io.covet.orm.spi;

import io.covet.core.engine.Engine;
import io.covet.orm.Validator;
import io.covet.sql.Column;
import io.covet.sql.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A {@link ModelType} whose row mapping and field access are its generated metamodel's ({@link ModelType#of}). */
final class CodecType<T> extends ModelType<T> {
    private final Table table;
    private final ModelCodec<T> codec;

    <C extends Table & ModelCodec<T>> CodecType(Class<T> javaClass, ModelMeta meta, C table) {
        super(javaClass, meta);
        this.table = table;
        this.codec = table;
    }

    @Override
    public Table table() {
        return table;
    }

    @Override
    public List<Column<?>> columns(Table t) {
        return codec.columns(t);
    }

    @Override
    public T newInstance() {
        return codec.newInstance();
    }

    @Override
    public T read(ResultSet rs, int from, Engine engine, Object[] snapshot) throws SQLException {
        return codec.read(rs, from, engine, snapshot);
    }

    @Override
    public Object get(T instance, int field) {
        return codec.get(instance, field);
    }

    @Override
    public void set(T instance, int field, Object value) {
        codec.set(instance, field, value);
    }

    @Override
    public void readField(ResultSet rs, int column, Engine engine, T instance, int field, Object[] snapshot)
            throws SQLException {
        codec.readField(rs, column, engine, instance, field, snapshot);
    }

    @Override
    public boolean deferredByDefault(int field) {
        return codec.deferredByDefault(field);
    }

    @Override
    public void bindRelations(T instance) {
        codec.bindRelations(instance);
    }

    @Override
    public List<Validator> validators(int field) {
        return codec.validators(field);
    }
}
