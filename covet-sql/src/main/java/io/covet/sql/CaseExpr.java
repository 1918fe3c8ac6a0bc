package io.covet.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A searched CASE expression. */
record CaseExpr<T>(List<Condition> conditions, List<Field<T>> results, Field<T> otherwiseValue, Class<T> type)
        implements Case<T>, FieldNode<T> {

    @Override
    public Case<T> when(Condition condition, T value) {
        return when(condition, Param.of(value, type));
    }

    @Override
    public Case<T> when(Condition condition, Field<T> value) {
        List<Condition> c = new ArrayList<>(conditions);
        c.add(Objects.requireNonNull(condition, "condition"));
        List<Field<T>> r = new ArrayList<>(results);
        r.add(Objects.requireNonNull(value, "value"));
        return new CaseExpr<>(List.copyOf(c), List.copyOf(r), otherwiseValue, type);
    }

    @Override
    public Field<T> otherwise(T value) {
        return otherwise(Param.of(value, type));
    }

    @Override
    public Field<T> otherwise(Field<T> value) {
        return new CaseExpr<>(conditions, results, Objects.requireNonNull(value, "value"), type);
    }

    @Override
    public void render(Ctx ctx) {
        ctx.sql("CASE");
        for (int i = 0; i < conditions.size(); i++) {
            ctx.sql(" WHEN ").visit(conditions.get(i)).sql(" THEN ").visit(results.get(i));
        }
        if (otherwiseValue != null) {
            ctx.sql(" ELSE ").visit(otherwiseValue);
        }
        ctx.sql(" END");
    }
}
