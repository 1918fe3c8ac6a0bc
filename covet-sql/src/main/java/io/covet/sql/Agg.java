package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.List;

/**
 * An aggregate call {@code name([DISTINCT] args [ORDER BY …]) [FILTER (WHERE …)]}. {@code names} holds the
 * function name per family (PostgreSQL, MariaDB, SQLite) so JSON aggregates share this node; an empty
 * {@code args} is {@code *}.
 */
record Agg<T>(List<String> names, List<Field<?>> args, boolean distinct, List<SortField> order, Condition filter,
              Class<T> type) implements AggregateFunction<T>, FieldNode<T> {

    static <T> Agg<T> of(String name, Class<T> type, Field<?>... args) {
        return new Agg<>(List.of(name, name, name), List.of(args), false, List.of(), NoCondition.INSTANCE, type);
    }

    @Override
    public Field<T> over(WindowSpec window) {
        return new Over<>(this, window, type);
    }

    @Override
    public AggregateFunction<T> filterWhere(Condition condition) {
        return new Agg<>(names, args, distinct, order, filter.and(condition), type);
    }

    @Override
    public void render(Ctx ctx) {
        String name = switch (ctx.family()) {
            case POSTGRESQL -> names.get(0);
            case MARIADB -> names.get(1);
            default -> names.get(2);
        };
        boolean emulateFilter = !(filter instanceof NoCondition) && ctx.family() == Engine.MARIADB;
        ctx.sql(name).sql('(');
        if (distinct) {
            ctx.sql("DISTINCT ");
        }
        if (args.isEmpty()) {
            if (emulateFilter) {
                ctx.sql("CASE WHEN ").visit(filter).sql(" THEN 1 END");
            } else {
                ctx.sql('*');
            }
        } else if (emulateFilter) {
            for (int i = 0; i < args.size(); i++) {
                ctx.sql(i > 0 ? ", " : "").sql("CASE WHEN ").visit(filter).sql(" THEN ").visit(args.get(i))
                        .sql(" END");
            }
        } else {
            ctx.list(args);
        }
        if (!order.isEmpty()) {
            Clause outer = ctx.clause(Clause.OTHER);
            ctx.sql(" ORDER BY ").list(order);
            ctx.clause(outer);
        }
        ctx.sql(')');
        if (!(filter instanceof NoCondition) && !emulateFilter) {
            ctx.sql(" FILTER (WHERE ").visit(filter).sql(')');
        }
    }
}
