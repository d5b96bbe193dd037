package dev.contrail.api.queries;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.contrail.readmodels.projection.QuerySide;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * A {@code @Transactional} query bean must run its transaction on the query pool (ADR 0027): with the default, the
 * command side's transaction manager, the transaction would hold a command-side connection while the bean's
 * statements ran outside it on the query pool (and a REPEATABLE READ report would see several snapshots).
 */
class QuerySideTransactionsTest {

    private static final JavaClasses READ_MODELS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.contrail.readmodels");

    @Test
    void transactionalQueryBeansUseTheQuerySidesTransactionManager() {
        List<JavaClass> transactional = READ_MODELS.stream()
                .filter(type -> type.isAnnotatedWith(Transactional.class)
                        || type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(Transactional.class)))
                .toList();

        assertThat(transactional).as("the rule looks at something").hasSizeGreaterThanOrEqualTo(6);
        for (JavaClass type : transactional) {
            Class<?> bean = type.reflect();
            if (bean.isAnnotationPresent(Transactional.class)) {
                assertThat(bean.getAnnotation(Transactional.class).transactionManager()).as(bean.getName())
                        .isEqualTo(QuerySide.TRANSACTION_MANAGER);
            }
            for (var method : bean.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Transactional.class)) {
                    assertThat(method.getAnnotation(Transactional.class).transactionManager()).as(method.toString())
                            .isEqualTo(QuerySide.TRANSACTION_MANAGER);
                }
            }
        }
        assertThat(QueryDatabaseConfiguration.QUERY_TRANSACTION_MANAGER).isEqualTo(QuerySide.TRANSACTION_MANAGER);
    }
}
