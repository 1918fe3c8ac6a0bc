package io.covet.orm.internal;

import io.covet.orm.spi.ModelMeta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the runtime does about models inheriting from concrete models (proxies, multi-table children). Not an API. */
public final class Inheritances {
    private Inheritances() {
    }

    /** One sentence per proxy model whose concrete model is missing from {@code metas} (keyed by class name). */
    static List<String> problems(Map<String, ModelMeta> metas) {
        List<String> out = new ArrayList<>();
        for (ModelMeta m : metas.values()) {
            if (m.inheritance() == null || m.singleTable() || metas.containsKey(m.inheritance().parent())) {
                continue;
            }
            String parent = m.inheritance().parent();
            String simple = parent.substring(parent.lastIndexOf('.') + 1);
            if (m.proxy()) {
                out.add("proxy model " + m.simpleName() + " uses the table of " + simple + ", which is not registered: "
                        + "add " + simple + "_.TYPE to Orm.builder().models(...) (its table and relations come from it)");
            } else {
                out.add("multi-table child " + m.simpleName() + " extends " + simple + ", which is not registered: "
                        + "add " + simple + "_.TYPE to Orm.builder().models(...) (its table holds the inherited "
                        + "fields)");
            }
        }
        return out;
    }

    /**
     * The class name of the model that owns {@code m}'s table: its concrete model for a proxy, its root for a
     * single-table subclass, else its own.
     */
    public static String concrete(ModelMeta m) {
        return m.proxy() || m.singleTableSubclass() ? m.inheritance().parent() : m.name();
    }

    /**
     * Whether {@code model} is {@code m} or one of the models it extends (a proxy's concrete model, a multi-table
     * child's ancestors, a single-table subclass's root), found by class name through {@code metas}: a relation
     * {@code m} inherits was declared on that model, so a through model's key to it names {@code m}'s rows too.
     */
    static boolean isOrExtends(ModelMeta m, String model, java.util.function.Function<String, ModelMeta> metas) {
        for (ModelMeta t = m; t != null; ) {
            if (t.name().equals(model)) {
                return true;
            }
            String parent = t.inheritance() == null ? null : t.inheritance().parent();
            t = parent == null || parent.equals(t.name()) ? null : metas.apply(parent);
        }
        return false;
    }

    /**
     * Whether a foreign key to {@code targetModel} points at rows of {@code m}'s table: the same model, or a proxy
     * and its concrete model either way round.
     */
    static boolean references(String targetModel, ModelMeta m, OrmRuntime orm) {
        if (targetModel.equals(m.name())) {
            return true;
        }
        if (m.multiTable() && MultiTables.ancestors(orm, m).contains(targetModel)) {
            return true; // deleting a child deletes its ancestors' rows, which that key points at
        }
        if (!m.proxy() && !m.singleTable() && orm.types().stream().noneMatch(t -> t.meta().proxy())) {
            return false;
        }
        for (io.covet.orm.spi.ModelType<?> t : orm.types()) {
            if (t.meta().name().equals(targetModel)) {
                return concrete(t.meta()).equals(concrete(m));
            }
        }
        return false;
    }
}
