package dev.contrail.readmodels.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The connections the read models' queries use: a pool of their own, apart from the command side's (the event store,
 * the projections' writers), whose statements are bounded in time (ADR 0027). The API provides the
 * {@code NamedParameterJdbcTemplate} so qualified, and the {@link #TRANSACTION_MANAGER}; queries read the public views
 * of the serving generations.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface QuerySide {

    /**
     * The transaction manager of the query side's connections, for {@code @Transactional} query beans: the default one
     * is the command side's, whose connections a query's JDBC template would not use.
     */
    String TRANSACTION_MANAGER = "queryTransactionManager";
}
