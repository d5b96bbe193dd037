package dev.contrail.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every {@code contrail.*} settings class has configuration metadata, as operators expect of a Spring Boot service: their
 * IDE completes and describes the properties, and tools can list them. The metadata is generated at build time by
 * {@code spring-boot-configuration-processor} into each module's {@code META-INF/spring-configuration-metadata.json}.
 */
class ConfigurationMetadataTest {

    @Test
    void everyContrailSettingsClassHasItsPropertiesDescribedInTheMetadata() throws IOException {
        Set<String> prefixes = new TreeSet<>();
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        scanner.findCandidateComponents("dev.contrail").forEach(candidate -> {
            try {
                ConfigurationProperties annotation = Class.forName(candidate.getBeanClassName()).getAnnotation(ConfigurationProperties.class);
                prefixes.add(annotation.value().isEmpty() ? annotation.prefix() : annotation.value());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(prefixes).as("contrail's settings classes").hasSizeGreaterThan(5).allMatch(prefix -> prefix.startsWith("contrail."));

        Set<String> groups = new TreeSet<>();
        Set<String> properties = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (URL resource : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = resource.openStream()) {
                JsonNode metadata = json.readTree(in);
                metadata.path("groups").forEach(group -> groups.add(group.path("name").asText()));
                metadata.path("properties").forEach(property -> properties.add(property.path("name").asText()));
            }
        }
        assertThat(groups).as("metadata groups").containsAll(prefixes);
        for (String prefix : prefixes) {
            assertThat(properties).as("properties described under " + prefix).anyMatch(name -> name.startsWith(prefix + "."));
        }
    }
}
