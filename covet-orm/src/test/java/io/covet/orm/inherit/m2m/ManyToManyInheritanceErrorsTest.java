package io.covet.orm.inherit.m2m;

import io.covet.core.engine.Engine;
import io.covet.orm.ModelValidationException;
import io.covet.orm.Orm;
import io.covet.orm.ProcessorRun;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What stays refused around many-to-many relations and inheritance, each with a message naming the fix: a relation to
 * an {@code @AbstractModel} (no table to reference), and a child's reverse accessor or through relation whose key
 * points at a sibling rather than at the child or one of its ancestors.
 */
class ManyToManyInheritanceErrorsTest {

    @Test
    void aManyToManyToAnAbstractModelIsRefused() throws Exception {
        List<String> errors = ProcessorRun.errors(Map.of("Base", """
                package app;
                import io.covet.orm.*;
                @AbstractModel
                public abstract class Base extends Entity {
                    @PrimaryKey public Long id;
                }
                """, "Shelf", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Shelf extends Base {
                    String name;
                }
                """, "Owner", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Owner extends Entity {
                    @PrimaryKey Long id;
                    @ManyToMany Related<Base> bases;
                    @ManyToMany Related<Shelf> shelves;
                }
                """), Files.createTempDirectory("covet-m2m-abstract"));
        assertThat(errors).containsExactly("field Owner.bases relates to Base, an @AbstractModel, which has no table "
                + "of its own for a relation to reference: relate to a @Model that extends it (or make Base a "
                + "concrete @Model, whose children are then multi-table children)");
    }

    @Test
    void aChildsReverseOrThroughRelationOverASiblingsKeyIsRefusedAtStartup() throws Exception {
        try (Scratch s = Scratch.on(Engine.SQLITE)) {
            assertThatThrownBy(() -> Orm.builder().database(s.db()).models(Venue_.TYPE, Hall_.TYPE, Studio_.TYPE,
                    Lodge_.TYPE, Crew_.TYPE, Band_.TYPE, Gig_.TYPE, Gear_.TYPE, Amp_.TYPE, Mic_.TYPE).build())
                    .isInstanceOf(ModelValidationException.class)
                    .satisfies(e -> assertThat(((ModelValidationException) e).problems()).containsExactlyInAnyOrder(
                            "Lodge.gigs is the reverse of Gig.hall, which is not a registered foreign key to Lodge",
                            "Lodge.bands goes through Gig, which needs a foreign key to Lodge and one to Band"));
        }
    }
}
