package io.covet.schema.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topological sort behind the catalog script: dependencies first, then kind priority, then name. */
class DependencyOrderTest {

    @Test
    void withoutDependenciesObjectsGoByPriorityThenName() {
        DependencyOrder<String> o = new DependencyOrder<>();
        o.add("view b", 8, "b");
        o.add("table z", 6, "z");
        o.add("function y", 4, "y");
        o.add("table a", 6, "a");
        assertThat(o.sorted()).containsExactly("function y", "table a", "table z", "view b");
    }

    @Test
    void aDependencyOverridesPriority() {
        // a function whose body (BEGIN ATOMIC) reads a table comes after it, a view calling it after both;
        // a table whose default calls a function comes after that function
        DependencyOrder<String> o = new DependencyOrder<>();
        o.add("function reads_t", 4, "reads_t");
        o.add("function tax", 4, "tax");
        o.add("table t", 6, "t");
        o.add("table invoice", 6, "invoice");
        o.add("view v", 8, "v");
        o.add("type mood", 3, "mood");
        o.dependsOn("function reads_t", "table t");
        o.dependsOn("view v", "function reads_t");
        o.dependsOn("table invoice", "function tax");
        o.dependsOn("table t", "type mood");
        List<String> sorted = o.sorted();
        assertThat(sorted).containsExactly("type mood", "function tax", "table invoice", "table t",
                "function reads_t", "view v");
    }

    @Test
    void unknownAndSelfDependenciesAreIgnoredAndTheOrderIsStable() {
        DependencyOrder<String> o = new DependencyOrder<>();
        o.add("x", 1, "same");
        o.add("y", 1, "same");
        o.dependsOn("x", "x");
        o.dependsOn("x", "not added");
        assertThat(o.dependenciesOf("x")).isEmpty();
        assertThat(o.sorted()).containsExactly("x", "y");
    }

    @Test
    void aCycleIsRefusedNamingItsObjects() {
        DependencyOrder<String> o = new DependencyOrder<>();
        o.add("a", 1, "view a");
        o.add("b", 1, "function b");
        o.add("c", 1, "table c");
        o.add("free", 0, "free");
        o.dependsOn("a", "b");
        o.dependsOn("b", "c");
        o.dependsOn("c", "a");
        assertThatThrownBy(o::sorted).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("view a -> function b -> table c -> view a");
    }
}
