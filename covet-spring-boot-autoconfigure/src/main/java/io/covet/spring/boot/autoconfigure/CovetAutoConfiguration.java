package io.covet.spring.boot.autoconfigure;

import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.Databases;
import io.covet.core.error.ConfigurationException;
import io.covet.orm.Orm;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Covet in a Spring Boot application: the {@link Databases} registry and the {@code default} {@link Database}
 * (from {@code covet.databases.*}, or adopting Boot's {@code DataSource} when none is configured), the
 * {@link Orm}, Spring transactions shared with Covet's blocks ({@link SpringManagedTransactions}), a
 * {@link JdbcTransactionManager} over the default database when the application has no transaction manager,
 * and the exception translator. Runs before Boot's JDBC auto-configuration, which then uses Covet's pool as the
 * application's {@code DataSource} when Covet opened it from a URL.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"},
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(Database.class)
@EnableConfigurationProperties(CovetProperties.class)
public class CovetAutoConfiguration {

    /**
     * The registry of every configured database, each opened now (so that a wrong URL fails the start), with
     * Spring transactions joined unless {@code covet.transactions.join-spring=false}.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Databases covetDatabases(CovetProperties properties, Environment environment,
                                    ObjectProvider<DataSource> dataSource,
                                    ObjectProvider<CovetDatabaseCustomizer> customizers,
                                    ObjectProvider<PlatformTransactionManager> transactionManager) {
        if (properties.getDatabases().containsKey(Orm.DEFAULT) && environment.containsProperty("spring.datasource.url")) {
            throw new ConfigurationException("both covet.databases.default.url and spring.datasource.url are set: "
                    + "give one. With covet.databases.default.* Covet opens its own pool (and offers it as the "
                    + "DataSource); without it, Covet adopts Boot's DataSource");
        }
        List<DatabaseConfig> configs = configs(properties, dataSource);
        List<CovetDatabaseCustomizer> cs = customizers.orderedStream().toList();
        Map<String, SpringManagedTransactions> joins = new LinkedHashMap<>();
        List<DatabaseConfig> customised = new ArrayList<>();
        for (DatabaseConfig c : configs) {
            DatabaseConfig config = c;
            if (properties.getTransactions().isJoinSpring()) {
                SpringManagedTransactions join = new SpringManagedTransactions(transactionManager::getIfUnique);
                joins.put(c.name(), join);
                config = config.toBuilder().externalTransactions(join).build();
            }
            for (CovetDatabaseCustomizer customizer : cs) {
                config = customizer.customize(config);
            }
            customised.add(config);
        }
        Databases databases = Databases.of(customised);
        try {
            for (DatabaseConfig c : customised) {
                Database db = databases.get(c.name());
                Optional.ofNullable(joins.get(c.name())).ifPresent(j -> j.bind(db.dataSource()));
                cs.forEach(customizer -> customizer.opened(db));
            }
        } catch (RuntimeException e) {
            databases.close();
            throw e;
        }
        return databases;
    }

    private static List<DatabaseConfig> configs(CovetProperties properties, ObjectProvider<DataSource> dataSource) {
        Map<String, String> flat = new LinkedHashMap<>();
        properties.getDatabases().forEach((name, keys) ->
                keys.forEach((k, v) -> flat.put("covet.databases." + name + "." + k, v)));
        if (!flat.isEmpty()) {
            return new ArrayList<>(CovetConfiguration.fromSettings(flat, Map.of(), Optional.empty()).databases().values());
        }
        DataSource ds = dataSource.getIfAvailable();
        if (ds == null) {
            throw new ConfigurationException("no database is configured for Covet: set covet.databases.default.url "
                    + "(e.g. sqlite:app.db or postgresql://user@host:5432/db), or configure Boot's DataSource "
                    + "(spring.datasource.url), which Covet then adopts as its default database");
        }
        return List.of(DatabaseConfig.builder(Orm.DEFAULT).dataSource(ds).build());
    }

    /** The {@code default} database; it is closed with the registry. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public Database covetDatabase(Databases databases) {
        return databases.defaultDatabase();
    }

    /**
     * Covet's pool as the application's {@code DataSource} when Covet opened the default database from its URL,
     * so that Boot's JDBC support (JdbcTemplate, its transaction manager) shares it instead of needing
     * {@code spring.datasource.*}.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(DataSource.class)
    @ConditionalOnProperty(prefix = "covet.databases.default", name = "url")
    public DataSource covetDataSource(Database database) {
        return database.dataSource();
    }

    /**
     * A transaction manager for applications that have none: Spring's JDBC one over the default database's data
     * source, so {@code @Transactional} methods and Covet blocks share one transaction and connection.
     */
    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    public JdbcTransactionManager transactionManager(Database database) {
        return new JdbcTransactionManager(database.dataSource());
    }

    /** The {@link Orm} over the registry (default database {@code default}), completed by the customizers. */
    @Bean
    @ConditionalOnMissingBean
    public Orm covetOrm(Databases databases, ObjectProvider<CovetOrmCustomizer> customizers) {
        // the default database by name as well as the registry: the Orm resolves its default through the former
        Orm.Builder b = Orm.builder().database(Orm.DEFAULT, databases.defaultDatabase()).databases(databases);
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /** Covet's exceptions as Spring's {@code DataAccessException}s (for {@code @Repository} beans). */
    @Bean
    @ConditionalOnMissingBean
    public static CovetExceptionTranslator covetExceptionTranslator() {
        return new CovetExceptionTranslator();
    }
}
