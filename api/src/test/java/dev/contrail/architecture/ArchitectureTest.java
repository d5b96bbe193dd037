package dev.contrail.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.contrail.domain.airport.fixture.AirportThatKnowsAnAircraft;
import dev.contrail.domain.flighttracking.fixture.AircraftThatKnowsSpring;
import dev.contrail.projections.fixture.RuntimeThatAnswersGraphQl;
import dev.contrail.readmodels.flighttracking.fixture.ProjectionThatKnowsTheDomain;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The boundaries of ADR 0002, checked on the compiled production classes of every module. Each rule is also
 * shown to fail on a deliberately wrong fixture class, so none of them can pass by naming nothing.
 */
class ArchitectureTest {

    static final String[] CONTEXTS = {"flighttracking", "airport", "airspace"};
    static final String[] LAYERS = {"domain", "application", "infrastructure", "readmodels", "api"};

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.contrail");

    /** The model speaks air traffic, not frameworks: only the JDK and Axon's modelling annotations. */
    static final ArchRule DOMAIN_IS_FREE_OF_FRAMEWORKS = noClasses().that().resideInAPackage("dev.contrail.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "jakarta.persistence..", "org.hibernate..",
                    "org.apache.avro..", "com.fasterxml..", "dev.contrail.schemas..")
            .because("the domain model must not depend on Spring, Kafka, JPA, Avro or serialization (ADR 0002)");

    /** A context learns about another only through its published events, never through its classes. */
    static final ArchRule CONTEXTS_DO_NOT_IMPORT_EACH_OTHER = CompositeArchRule.of(Stream.of(CONTEXTS)
            .flatMap(context -> Stream.of(LAYERS).map(layer -> (ArchRule) noClasses()
                    .that().resideInAPackage("dev.contrail." + layer + "." + context + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherContexts(context))
                    .because("bounded contexts talk only through their Kafka topics (ADR 0002)")
                    // Airport and Airspace have no code in every layer yet; theRulesLookAtPackagesThatHoldCode guards the rest.
                    .allowEmptyShould(true)))
            .toList()).as("bounded contexts do not import each other");

    /** Projections read integration events (Avro), so the domain can change without breaking them. */
    static final ArchRule READ_MODELS_DO_NOT_KNOW_THE_DOMAIN = noClasses().that().resideInAPackage("dev.contrail.readmodels..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.contrail.domain..", "dev.contrail.application..",
                    "dev.contrail.infrastructure..")
            .because("read models are built from the published integration events (ADR 0004)");

    /**
     * The projection runtime runs projections and Kafka Streams applications; the API calls it. It knows neither the web
     * layer nor the command side (ADR 0029).
     */
    static final ArchRule PROJECTION_RUNTIME_IS_CALLED_NOT_CALLING = noClasses().that().resideInAPackage("dev.contrail.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.contrail.api..", "org.springframework.web..",
                    "org.springframework.graphql..", "org.springframework.security..", "jakarta.servlet..",
                    "dev.contrail.domain..", "dev.contrail.application..", "dev.contrail.infrastructure..")
            .because("the projection runtime is a module of its own that the API only calls (ADR 0029)");

    /** Dependencies point inward. */
    static final ArchRule LAYERS_POINT_INWARD = CompositeArchRule.of(List.of(
            noClasses().that().resideInAPackage("dev.contrail.domain..").should().dependOnClassesThat()
                    .resideInAnyPackage("dev.contrail.application..", "dev.contrail.infrastructure..", "dev.contrail.readmodels..", "dev.contrail.api.."),
            noClasses().that().resideInAPackage("dev.contrail.application..").should().dependOnClassesThat()
                    .resideInAnyPackage("dev.contrail.infrastructure..", "dev.contrail.readmodels..", "dev.contrail.api.."),
            noClasses().that().resideInAPackage("dev.contrail.infrastructure..").should().dependOnClassesThat()
                    .resideInAnyPackage("dev.contrail.readmodels..", "dev.contrail.projections..", "dev.contrail.api.."),
            noClasses().that().resideInAPackage("dev.contrail.readmodels..").should().dependOnClassesThat()
                    .resideInAnyPackage("dev.contrail.projections..", "dev.contrail.api..")))
            .as("layers point inward");

    static Stream<ArchRule> rules() {
        return Stream.of(DOMAIN_IS_FREE_OF_FRAMEWORKS, CONTEXTS_DO_NOT_IMPORT_EACH_OTHER, READ_MODELS_DO_NOT_KNOW_THE_DOMAIN,
                PROJECTION_RUNTIME_IS_CALLED_NOT_CALLING, LAYERS_POINT_INWARD);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void productionCodeKeepsTheRule(ArchRule rule) {
        rule.check(PRODUCTION);
    }

    @Test
    void theRulesLookAtPackagesThatHoldCode() {
        for (String layer : new String[] {"domain", "application", "infrastructure", "readmodels", "api"}) {
            for (String context : new String[] {"flighttracking", "airport"}) {
                assertThat(PRODUCTION.stream().anyMatch(c -> c.getPackageName().startsWith("dev.contrail." + layer + "." + context)))
                        .as("dev.contrail.%s.%s holds classes", layer, context).isTrue();
            }
        }
    }

    @Test
    void aModelThatUsesSpringBreaksTheDomainRule() {
        JavaClasses wrong = new ClassFileImporter().importClasses(AircraftThatKnowsSpring.class);
        assertThat(DOMAIN_IS_FREE_OF_FRAMEWORKS.evaluate(wrong).hasViolation()).isTrue();
    }

    @Test
    void anAirportThatUsesAFlightTrackingClassBreaksTheContextRule() {
        JavaClasses wrong = new ClassFileImporter().importClasses(AirportThatKnowsAnAircraft.class);
        assertThat(CONTEXTS_DO_NOT_IMPORT_EACH_OTHER.evaluate(wrong).hasViolation()).isTrue();
    }

    @Test
    void aProjectionThatUsesADomainEventBreaksTheReadModelRule() {
        JavaClasses wrong = new ClassFileImporter().importClasses(ProjectionThatKnowsTheDomain.class);
        assertThat(READ_MODELS_DO_NOT_KNOW_THE_DOMAIN.evaluate(wrong).hasViolation()).isTrue();
    }

    @Test
    void aRuntimeThatAnswersGraphQlBreaksTheRuntimeRule() {
        JavaClasses wrong = new ClassFileImporter().importClasses(RuntimeThatAnswersGraphQl.class);
        assertThat(PROJECTION_RUNTIME_IS_CALLED_NOT_CALLING.evaluate(wrong).hasViolation()).isTrue();
    }

    @Test
    void theRuntimeRuleLooksAtClassesThatExist() {
        assertThat(PRODUCTION.stream().anyMatch(c -> c.getPackageName().equals("dev.contrail.projections"))).isTrue();
        assertThat(PRODUCTION.stream().anyMatch(c -> c.getPackageName().equals("dev.contrail.projections.streams"))).isTrue();
    }

    private static String[] otherContexts(String context) {
        return Stream.of(CONTEXTS).filter(other -> !other.equals(context))
                .flatMap(other -> Stream.of(LAYERS).map(layer -> "dev.contrail." + layer + "." + other + ".."))
                .toArray(String[]::new);
    }
}
