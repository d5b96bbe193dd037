package dev.contrail.api.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/** The production jar's refusal to start without its services (ADR 0038); ProductionJarIT starts the real jar. */
class MissingServicesFailureAnalyzerTest {

    @Test
    void withNeitherServiceConfiguredItSaysWhichSettingsToSetAndHowToRunTheDemo() {
        RequiredServices check = new RequiredServices(new MockEnvironment());

        Throwable failure = catchThrowable(() -> check.postProcessBeanFactory(new DefaultListableBeanFactory()));
        FailureAnalysis analysis = new MissingServicesFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Contrail cannot start without a Kafka cluster and a PostgreSQL database, "
                + "and none is configured: spring.kafka.bootstrap-servers and spring.datasource.url are not set.");
        assertThat(analysis.getAction()).contains("SPRING_KAFKA_BOOTSTRAP_SERVERS (or spring.kafka.bootstrap-servers)")
                .contains("SPRING_DATASOURCE_URL (or spring.datasource.url)")
                .contains("./mvnw -pl api -am spring-boot:run");
    }

    @Test
    void aBlankSettingCountsAsMissingAndOnlyTheMissingOneIsNamed() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("spring.datasource.url", " ");

        Throwable failure = catchThrowable(() -> new RequiredServices(environment).postProcessBeanFactory(new DefaultListableBeanFactory()));

        assertThat(failure).isInstanceOf(RequiredServices.MissingServicesException.class)
                .hasMessage("Contrail needs [spring.datasource.url] configured");
        assertThat(new MissingServicesFailureAnalyzer().analyze(failure).getDescription())
                .isEqualTo("Contrail cannot start without a PostgreSQL database, and none is configured: spring.datasource.url is not set.");
    }

    @Test
    void withBothConfiguredItLetsContrailStart() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/contrail");

        assertThatCode(() -> new RequiredServices(environment).postProcessBeanFactory(new DefaultListableBeanFactory()))
                .doesNotThrowAnyException();
    }
}
