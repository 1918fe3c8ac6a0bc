package io.covet.spring.boot.autoconfigure;

import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.CovetException;
import io.covet.core.error.DataAccessException;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.error.IntegrityViolation;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.PoolExhausted;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.ReadOnlyViolation;
import io.covet.core.error.SerializationFailure;
import io.covet.core.error.SqlSyntaxError;
import io.covet.core.error.UniqueViolation;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.tx.TransactionTimeout;
import io.covet.orm.DoesNotExist;
import io.covet.orm.MultipleObjectsReturned;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates Covet's exceptions into Spring's {@link org.springframework.dao.DataAccessException} hierarchy, for
 * code that catches Spring's types: {@code @Repository} beans (through Spring's
 * {@code PersistenceExceptionTranslationPostProcessor}) and {@link #translate}. The Covet exception is kept as the
 * cause, with its message (engine, SQLState, statement; never bound values). Exceptions that are not about data
 * access (configuration, programming errors other than those below) are left as they are ({@code null}).
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>Covet</th><th>Spring</th></tr>
 * <tr><td>UniqueViolation</td><td>DuplicateKeyException</td></tr>
 * <tr><td>other IntegrityViolation (foreign key, not null, check)</td><td>DataIntegrityViolationException</td></tr>
 * <tr><td>DeadlockDetected, SerializationFailure</td><td>PessimisticLockingFailureException</td></tr>
 * <tr><td>LockTimeout</td><td>CannotAcquireLockException</td></tr>
 * <tr><td>QueryTimeout, TransactionTimeout</td><td>QueryTimeoutException</td></tr>
 * <tr><td>PoolExhausted, DatabaseUnavailable</td><td>TransientDataAccessResourceException</td></tr>
 * <tr><td>other ConnectionFailure</td><td>DataAccessResourceFailureException</td></tr>
 * <tr><td>SqlSyntaxError</td><td>InvalidDataAccessResourceUsageException</td></tr>
 * <tr><td>ReadOnlyViolation</td><td>PermissionDeniedDataAccessException</td></tr>
 * <tr><td>UnsupportedFeature</td><td>InvalidDataAccessApiUsageException</td></tr>
 * <tr><td>DoesNotExist</td><td>EmptyResultDataAccessException</td></tr>
 * <tr><td>MultipleObjectsReturned</td><td>IncorrectResultSizeDataAccessException</td></tr>
 * <tr><td>any other Covet DataAccessException</td><td>{@link CovetUncategorizedException}</td></tr>
 * </table>
 */
public final class CovetExceptionTranslator implements PersistenceExceptionTranslator {

    /** Spring's exception for {@code ex}, or null when it is not a Covet data-access exception. */
    @Override
    public org.springframework.dao.DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (!(ex instanceof CovetException)) {
            return null;
        }
        String m = ex.getMessage();
        if (ex instanceof UniqueViolation) {
            return new DuplicateKeyException(m, ex);
        }
        if (ex instanceof IntegrityViolation) {
            return new DataIntegrityViolationException(m, ex);
        }
        if (ex instanceof DeadlockDetected || ex instanceof SerializationFailure) {
            return new PessimisticLockingFailureException(m, ex);
        }
        if (ex instanceof LockTimeout) {
            return new CannotAcquireLockException(m, ex);
        }
        if (ex instanceof QueryTimeout || ex instanceof TransactionTimeout) {
            return new QueryTimeoutException(m, ex);
        }
        if (ex instanceof PoolExhausted || ex instanceof DatabaseUnavailable) {
            return new TransientDataAccessResourceException(m, ex);
        }
        if (ex instanceof ConnectionFailure) {
            return new DataAccessResourceFailureException(m, ex);
        }
        if (ex instanceof SqlSyntaxError) {
            return new InvalidDataAccessResourceUsageException(m, ex);
        }
        if (ex instanceof ReadOnlyViolation) {
            return new PermissionDeniedDataAccessException(m, ex);
        }
        if (ex instanceof UnsupportedFeature) {
            return new InvalidDataAccessApiUsageException(m, ex);
        }
        if (ex instanceof DoesNotExist) {
            return new EmptyResultDataAccessException(m, 1, ex);
        }
        if (ex instanceof MultipleObjectsReturned) {
            return new IncorrectResultSizeDataAccessException(m, 1, ex);
        }
        if (ex instanceof DataAccessException) {
            return new CovetUncategorizedException(m, ex);
        }
        return null;
    }

    /** {@code ex} translated, or {@code ex} itself when it has no Spring counterpart. */
    public RuntimeException translate(RuntimeException ex) {
        RuntimeException t = translateExceptionIfPossible(ex);
        return t != null ? t : ex;
    }

    /** A Covet data-access failure without a more specific Spring type. */
    public static final class CovetUncategorizedException extends UncategorizedDataAccessException {
        private static final long serialVersionUID = 1L;

        CovetUncategorizedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
