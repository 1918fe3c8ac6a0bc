package io.covet.spring.boot.autoconfigure;

import io.covet.core.tx.ExternalTransaction;
import io.covet.core.tx.ExternalTransactions;
import io.covet.core.tx.Isolation;
import io.covet.core.tx.Propagation;
import io.covet.core.tx.TxOptions;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * Lets one Covet database share Spring's transactions ({@link ExternalTransactions}): inside a Spring-managed
 * transaction on the database's {@link DataSource} ({@code @Transactional}, {@code TransactionTemplate}) Covet's
 * statements and blocks run on Spring's connection, nested blocks under savepoints, their {@code onCommit} actions
 * after Spring's commit; and an outermost Covet block begins its transaction through Spring's
 * {@link DataSourceTransactionManager} when that manager runs this data source, so Spring code called inside the
 * block joins it. The auto-configuration registers one per database; the data source is bound once the database
 * opened (before that, and for a manager over another data source, Covet runs its own transactions).
 */
public final class SpringManagedTransactions implements ExternalTransactions {
    private final Supplier<PlatformTransactionManager> manager;
    private volatile DataSource dataSource;

    /** @param manager the application's transaction manager, looked up on first use; may supply null */
    public SpringManagedTransactions(Supplier<PlatformTransactionManager> manager) {
        this.manager = manager;
    }

    /** Binds the data source whose Spring transactions are joined: the one Covet's database borrows from. */
    public void bind(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The bound data source, or null before the database opened. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public ExternalTransaction current() {
        DataSource ds = dataSource;
        if (ds == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(ds);
        if (holder == null || !holder.isSynchronizedWithTransaction()) {
            return null;
        }
        return new Joined(holder);
    }

    @Override
    public ExternalTransaction begin(TxOptions options) {
        DataSource ds = dataSource;
        PlatformTransactionManager ptm = ds == null ? null : manager.get();
        if (!(ptm instanceof DataSourceTransactionManager d) || d.getDataSource() != ds) {
            return null;
        }
        DefaultTransactionDefinition def = new DefaultTransactionDefinition(
                options.propagation() == Propagation.REQUIRES_NEW ? TransactionDefinition.PROPAGATION_REQUIRES_NEW
                        : TransactionDefinition.PROPAGATION_REQUIRED);
        def.setName(options.name());
        options.isolation().ifPresent(i -> def.setIsolationLevel(jdbcLevel(i)));
        options.readOnly().ifPresent(def::setReadOnly);
        TransactionStatus status = ptm.getTransaction(def);
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(ds);
        return new Begun(holder, ptm, status, options.name());
    }

    private static int jdbcLevel(Isolation i) {
        return switch (i) {
            case READ_COMMITTED -> Connection.TRANSACTION_READ_COMMITTED;
            case REPEATABLE_READ -> Connection.TRANSACTION_REPEATABLE_READ;
            case SERIALIZABLE -> Connection.TRANSACTION_SERIALIZABLE;
        };
    }

    /** A Spring transaction Covet joined: Spring commits or rolls it back. */
    private static class Joined implements ExternalTransaction {
        final ConnectionHolder holder;

        Joined(ConnectionHolder holder) {
            this.holder = holder;
        }

        @Override
        public String name() {
            String n = TransactionSynchronizationManager.getCurrentTransactionName();
            return n == null ? "spring" : "spring:" + n;
        }

        @Override
        public Connection connection() {
            return holder.getConnection();
        }

        @Override
        public void afterCommit(Runnable action) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }

        @Override
        public void afterRollback(Runnable action) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        action.run();
                    }
                }
            });
        }

        @Override
        public void setRollbackOnly() {
            holder.setRollbackOnly();
        }
    }

    /** A Spring transaction begun for an outermost Covet block, which Covet ends through the manager. */
    private static final class Begun extends Joined {
        private final PlatformTransactionManager manager;
        private final TransactionStatus status;
        private final String name;

        Begun(ConnectionHolder holder, PlatformTransactionManager manager, TransactionStatus status, String name) {
            super(holder);
            this.manager = manager;
            this.status = status;
            this.name = name;
        }

        @Override
        public String name() {
            return "spring:" + name;
        }

        @Override
        public void setRollbackOnly() {
            status.setRollbackOnly();
        }

        @Override
        public void commit() {
            manager.commit(status);
        }

        @Override
        public void rollback() {
            manager.rollback(status);
        }
    }
}
