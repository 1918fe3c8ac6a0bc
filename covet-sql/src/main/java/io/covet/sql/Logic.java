package io.covet.sql;

import java.util.ArrayList;
import java.util.List;

/** {@code a AND b AND …} or {@code a OR b OR …}; nested logic is parenthesised, {@link NoCondition} dropped. */
record Logic(Op op, List<Condition> conditions) implements CondNode {
    enum Op {
        AND(" AND "), OR(" OR ");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    static Condition of(Op op, Condition a, Condition b) {
        if (a instanceof NoCondition) {
            return b;
        }
        if (b instanceof NoCondition) {
            return a;
        }
        List<Condition> all = new ArrayList<>();
        add(all, op, a);
        add(all, op, b);
        return new Logic(op, List.copyOf(all));
    }

    static Condition of(Op op, Condition... conditions) {
        Condition result = NoCondition.INSTANCE;
        for (Condition c : conditions) {
            result = result instanceof NoCondition ? c : of(op, result, c);
        }
        return result;
    }

    private static void add(List<Condition> into, Op op, Condition c) {
        if (c instanceof Logic l && l.op == op) {
            into.addAll(l.conditions);
        } else {
            into.add(c);
        }
    }

    @Override
    public void render(Ctx ctx) {
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                ctx.sql(op.sql);
            }
            Condition c = conditions.get(i);
            if (c instanceof Logic) {
                ctx.sql('(').visit(c).sql(')');
            } else {
                ctx.visit(c);
            }
        }
    }
}
