package io.covet.orm;

import io.covet.orm.internal.Access;
import io.covet.orm.internal.PathStep;
import io.covet.sql.Table;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The internals keep their own step kind; {@link Path} maps its public kind onto it one for one. */
class PathKindTest {
    @Test
    void theInternalKindHasTheSameConstantsAsTheApiKind() {
        assertThat(Arrays.stream(PathStep.Kind.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Path.Kind.values()).map(Enum::name).toList());
    }

    @Test
    void eachFactoryMakesAStepOfItsKind() {
        Path<Entity, Entity, Table> forward = Path.forward("a.A", "b", "a.B", alias -> null);
        Path<Entity, Entity, Table> reverse = Path.reverse("a.B", "as", "a.A", "b", alias -> null);
        Path<Entity, Entity, Table> m2m = Path.manyToMany("a.A", "tags", "a.T", alias -> null);
        Access access = Access.get();
        assertThat(access.steps(forward).get(0).kind()).isEqualTo(PathStep.Kind.FORWARD);
        assertThat(access.steps(reverse).get(0).kind()).isEqualTo(PathStep.Kind.REVERSE);
        assertThat(access.steps(reverse).get(0).remoteField()).isEqualTo("b");
        assertThat(access.steps(m2m).get(0).kind()).isEqualTo(PathStep.Kind.MANY_TO_MANY);
        assertThat(access.steps(forward.then(reverse))).extracting(PathStep::kind)
                .containsExactly(PathStep.Kind.FORWARD, PathStep.Kind.REVERSE);
    }
}
