package dev.contrail.api.startup;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Contrail refuses to start without the Kafka cluster and the PostgreSQL database it keeps its events and read models
 * in (ADR 0038): Spring Boot would otherwise try Kafka on {@code localhost:9092} for ever and fail later on a missing
 * DataSource, with nothing that says what to set. Checked before any bean is created, so that it is the first and only
 * failure; {@link MissingServicesFailureAnalyzer} prints it. The demo sets both to its embedded services.
 */
public final class RequiredServices implements BeanFactoryPostProcessor {

    /** The settings Contrail cannot start without, with the environment variable an operator sets. */
    static final List<Setting> REQUIRED = List.of(
            new Setting("a Kafka cluster", "spring.kafka.bootstrap-servers", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    "its brokers, e.g. kafka-1:9092,kafka-2:9092"),
            new Setting("a PostgreSQL database", "spring.datasource.url", "SPRING_DATASOURCE_URL",
                    "e.g. jdbc:postgresql://db:5432/contrail, with SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD"));

    record Setting(String service, String property, String environmentVariable, String example) {
    }

    private final Environment environment;

    public RequiredServices(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<Setting> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new MissingServicesException(missing);
        }
    }

    static List<Setting> missing(Environment environment) {
        List<Setting> missing = new ArrayList<>();
        for (Setting setting : REQUIRED) {
            String value = environment.getProperty(setting.property());
            if (value == null || value.isBlank()) {
                missing.add(setting);
            }
        }
        return missing;
    }

    /** Thrown when Contrail is started without its Kafka cluster or its PostgreSQL database configured. */
    public static final class MissingServicesException extends IllegalStateException {

        private final transient List<Setting> missing;

        MissingServicesException(List<Setting> missing) {
            super("Contrail needs " + missing.stream().map(Setting::property).toList() + " configured");
            this.missing = List.copyOf(missing);
        }

        List<Setting> missing() {
            return missing;
        }
    }
}
