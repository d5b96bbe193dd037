package dev.contrail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The demo's defaults apply only where it starts embedded services, and never over what is configured. */
class DemoDefaultsTest {

    private final EmbeddedServicesEnvironmentPostProcessor demo = new EmbeddedServicesEnvironmentPostProcessor();

    @Test
    void withRealServicesConfiguredNothingStartsAndNoDemoDefaultIsSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/contrail");

        demo.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(EmbeddedServicesEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();
        assertThat(environment.containsProperty("contrail.capture.enabled")).isFalse();
        assertThat(environment.containsProperty("contrail.api.graphiql.enabled")).isFalse();
        assertThat(environment.containsProperty("contrail.admin.password")).isFalse();
    }

    @Test
    void turnedOffTheDemoDoesNothingEvenWithoutServices() {
        MockEnvironment environment = new MockEnvironment().withProperty("contrail.embedded.enabled", "false");

        demo.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty("spring.kafka.bootstrap-servers")).isFalse();
        assertThat(environment.containsProperty("contrail.capture.enabled")).isFalse();
    }
}
