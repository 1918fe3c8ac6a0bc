package io.covet.orm.uniq;

import io.covet.core.dialect.Feature;
import io.covet.core.error.UniqueViolation;
import io.covet.orm.Orm;
import io.covet.orm.SaveOptions;
import io.covet.orm.Signal;
import io.covet.orm.ValidationErrors;
import io.covet.orm.ValidationException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A validated save whose uniqueness check passed but whose write lost the race to another writer reports the same
 * {@link ValidationException} the check reports. The race is forced with a {@link Signal#PRE_SAVE} listener, which
 * runs after the check and before the INSERT: on PostgreSQL and MariaDB it inserts the duplicate from a second
 * connection and commits; SQLite serialises writers (the save holds the write lock from BEGIN IMMEDIATE, so a second
 * connection would wait for it), so there the listener inserts the duplicate in the save's own transaction, which
 * makes the engine raise the same constraint error.
 */
class UniqueRaceTest {
    /** What the listener inserts before the ORM's own INSERT; null: nothing. */
    private final AtomicReference<Object[]> duplicate = new AtomicReference<>();

    private Orm orm(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Member_.TYPE, Handle_.TYPE)
                .on(Signal.PRE_SAVE, Member.class, (m, created, db) -> {
                    Object[] row = duplicate.getAndSet(null);
                    if (row != null) {
                        insertElsewhere(s, "INSERT INTO uq_member (email, club, number) VALUES (?, ?, ?)", row);
                    }
                })
                .on(Signal.PRE_SAVE, Handle.class, (h, created, db) -> {
                    Object[] row = duplicate.getAndSet(null);
                    if (row != null) {
                        insertElsewhere(s, "INSERT INTO uq_handle (name) VALUES (?)", row);
                    }
                })
                .build();
        orm.createTables();
        return orm;
    }

    private static void insertElsewhere(Scratch s, String sql, Object[] row) {
        if (!s.db().supports(Feature.ROW_LOCKS)) {
            s.db().sql(sql, row).execute();
            return;
        }
        try (Connection c = s.rawConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < row.length; i++) {
                ps.setObject(i + 1, row[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AllEngines
    void aUniqueFieldLostToAConcurrentWriterIsReportedLikeTheCheck(Scratch s) {
        Orm orm = orm(s);
        duplicate.set(new Object[] {"ann@example.com", "blues", 1});
        Member late = new Member("ann@example.com", "reds", 7);
        ValidationException e = catchThrowableOfType(() -> orm.save(late, SaveOptions.validated()),
                ValidationException.class);
        assertThat(e).hasMessage("Member is not valid: email: Member with email 'ann@example.com' already exists");
        assertThat(e.errors()).isEqualTo(Map.of("email",
                List.of("Member with email 'ann@example.com' already exists")));
        assertThat(e.getCause()).isInstanceOf(UniqueViolation.class);
        assertThat(late.persisted()).isFalse();
        assertThat(duplicate.get()).as("the listener ran").isNull();
        if (s.db().supports(Feature.ROW_LOCKS)) {
            // the concurrent writer's row is there, ours is not
            assertThat(orm.objects(Member_.TYPE).valuesFlat(Member_.CLUB)).containsExactly("blues");
        } else {
            assertThat(orm.objects(Member_.TYPE).count()).isZero();
        }
    }

    @AllEngines
    void aUniqueTogetherSetLostToAConcurrentWriterIsReportedUnderAll(Scratch s) {
        Orm orm = orm(s);
        duplicate.set(new Object[] {"bob@example.com", "reds", 7});
        ValidationException e = catchThrowableOfType(
                () -> orm.save(new Member("ann@example.com", "reds", 7), SaveOptions.validated()),
                ValidationException.class);
        assertThat(e.errors()).isEqualTo(Map.of(ValidationErrors.ALL,
                List.of("Member with club, number ['reds', 7] already exists (unique together)")));
        assertThat(e.getCause()).isInstanceOf(UniqueViolation.class);
    }

    @AllEngines
    void insideATransactionTheLostRaceLeavesTheTransactionUsable(Scratch s) {
        Orm orm = orm(s);
        orm.save(new Member("zed@example.com", "greens", 3));
        long seen = s.db().atomic(tx -> {
            duplicate.set(new Object[] {"ann@example.com", "blues", 1});
            catchThrowableOfType(() -> orm.save(new Member("ann@example.com", "reds", 7),
                    SaveOptions.validated()), ValidationException.class);
            // the failed write was rolled back to its savepoint: the transaction goes on (PostgreSQL would refuse
            // every statement of an aborted transaction)
            orm.save(new Member("cy@example.com", "reds", 8));
            return orm.objects(Member_.TYPE).filter(Member_.CLUB.eq("reds")).count();
        });
        assertThat(seen).isEqualTo(1);
    }

    @AllEngines
    void aLiveRowsUniqueIndexOfASoftDeleteModelIsNamedToo(Scratch s) {
        Orm orm = orm(s);
        duplicate.set(new Object[] {"neo"});
        ValidationException e = catchThrowableOfType(() -> orm.save(new Handle("neo"), SaveOptions.validated()),
                ValidationException.class);
        assertThat(e).hasMessage("Handle is not valid: name: Handle with name 'neo' already exists");
    }

    @AllEngines
    void withoutValidationTheRaceStillRaisesTheDatabaseError(Scratch s) {
        Orm orm = orm(s);
        duplicate.set(new Object[] {"ann@example.com", "blues", 1});
        assertThat(catchThrowableOfType(() -> orm.save(new Member("ann@example.com", "reds", 7)),
                UniqueViolation.class)).isNotNull();
    }
}
