package io.covet.orm.uniq;

import io.covet.core.error.UniqueViolation;
import io.covet.orm.Orm;
import io.covet.orm.SaveOptions;
import io.covet.orm.ValidationErrors;
import io.covet.orm.ValidationException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** fullClean and save(validated()) report unique, unique-together and live-rows-unique rules before the write. */
class UniqueValidationTest {
    private static Orm orm(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Member_.TYPE, Handle_.TYPE).build();
        orm.createTables();
        return orm;
    }

    @AllEngines
    void everyViolatedRuleIsReportedAtOnceAndNothingIsWritten(Scratch s) {
        Orm orm = orm(s);
        orm.save(new Member("ann@example.com", "reds", 7));
        Member dup = new Member("ann@example.com", "reds", 7);
        ValidationException e = catchThrowableOfType(() -> orm.save(dup, SaveOptions.validated()),
                ValidationException.class);
        assertThat(e.errors()).isEqualTo(Map.of(
                "email", List.of("Member with email 'ann@example.com' already exists"),
                ValidationErrors.ALL, List.of("Member with club, number ['reds', 7] already exists (unique together)")));
        assertThat(e).hasMessageStartingWith("Member is not valid: ");
        assertThat(dup.persisted()).isFalse();
        assertThat(orm.objects(Member_.TYPE).count()).isEqualTo(1);
        // fullClean reports the same without saving
        assertThatThrownBy(() -> orm.fullClean(dup)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("email: Member with email 'ann@example.com' already exists");
    }

    @AllEngines
    void theInstanceItselfNullsAndOtherValuesPass(Scratch s) {
        Orm orm = orm(s);
        Member ann = orm.save(new Member("ann@example.com", "reds", 7), SaveOptions.validated());
        orm.save(new Member("bob@example.com", "reds", 8), SaveOptions.validated());   // both nicknames null
        ann.number = 9;
        orm.save(ann, SaveOptions.validated());   // its own row does not count
        orm.fullClean(ann);
        ann.number = 8;
        assertThatThrownBy(() -> orm.save(ann, SaveOptions.validated())).isInstanceOf(ValidationException.class)
                .hasMessage("Member is not valid: __all__: Member with club, number ['reds', 8] already exists "
                        + "(unique together)");
        assertThat(orm.objects(Member_.TYPE).get(ann.id).number).isEqualTo(9);
        assertThat(orm.objects(Member_.TYPE).filter(Member_.NUMBER.eq(8)).count()).isEqualTo(1);
    }

    @AllEngines
    void withoutValidationTheDatabaseConstraintStillRaisesUniqueViolation(Scratch s) {
        Orm orm = orm(s);
        orm.save(new Member("ann@example.com", "reds", 7));
        // what a writer racing between the check and the write sees: the constraint is the authority
        assertThatThrownBy(() -> orm.save(new Member("ann@example.com", "blues", 1)))
                .isInstanceOf(UniqueViolation.class);
    }

    @AllEngines
    void onASoftDeleteModelOnlyLiveRowsCount(Scratch s) {
        Orm orm = orm(s);
        Handle old = orm.save(new Handle("neo"));
        assertThatThrownBy(() -> orm.save(new Handle("neo"), SaveOptions.validated()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Handle is not valid: name: Handle with name 'neo' already exists");
        orm.delete(old);
        Handle again = orm.save(new Handle("neo"), SaveOptions.validated());
        assertThat(again.persisted()).isTrue();
        assertThat(orm.objects(Handle_.TYPE).allObjects().count()).isEqualTo(2);
    }
}
