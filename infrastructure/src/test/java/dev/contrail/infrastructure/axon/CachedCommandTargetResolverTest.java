package dev.contrail.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.RecordObservation;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/** The cached resolver finds what Axon's {@link AnnotationCommandTargetResolver} finds, and fails where it fails. */
class CachedCommandTargetResolverTest {

    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    private final CachedCommandTargetResolver cached = new CachedCommandTargetResolver();
    private final AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion Object version) {
    }

    static class OnFields {
        @TargetAggregateIdentifier
        private final Object id;
        @TargetAggregateVersion
        private final Long version;

        OnFields(Object id, Long version) {
            this.id = id;
            this.version = version;
        }
    }

    static class OnAMethod {
        private final String code;

        OnAMethod(String code) {
            this.code = code;
        }

        @TargetAggregateIdentifier
        public String target() {
            if (code.equals("fails")) {
                throw new IllegalStateException("no target");
            }
            return "airport-" + code;
        }
    }

    static class Subclass extends OnFields {
        Subclass(Object id) {
            super(id, 7L);
        }
    }

    record Untargeted(String id) {
    }

    @Test
    void theAircraftsCommandsTargetTheirAircraftUnversioned() {
        Observation observation = new Observation(Icao24.of("a00001"), T0, "TEST1", "Test", null, false, null, null, null, null);
        sameAsAxon(new RecordObservation(observation, List.of()));
        sameAsAxon(new DeclareFlightLost("a00002", T0, T0.plusSeconds(300)));
        assertThat(cached.resolveTarget(message(new DeclareFlightLost("a00002", T0, T0.plusSeconds(300)))))
                .isEqualTo(new VersionedAggregateIdentifier("a00002", null));
    }

    @Test
    void eachCommandOfAClassIsReadForItself() {
        for (int n = 0; n < 3; n++) {
            assertThat(cached.resolveTarget(message(new Versioned("volume-" + n, n))))
                    .isEqualTo(new VersionedAggregateIdentifier("volume-" + n, (long) n));
        }
    }

    @Test
    void fieldsMethodsInheritedFieldsAndVersionsOfEveryKindResolveAsAxonResolvesThem() {
        sameAsAxon(new OnFields("EIDW", 3L));
        sameAsAxon(new OnFields(42, null));
        sameAsAxon(new OnAMethod("EGLL"));
        sameAsAxon(new Subclass("EHAM"));
        sameAsAxon(new Versioned("v", "12"));
        sameAsAxon(new Versioned("v", 12));
        sameAsAxon(new Versioned("v", null));
    }

    @Test
    void whatAxonRefusesIsRefusedAlike() {
        for (Object command : List.of(new Untargeted("x"), new Versioned(null, 1), new OnFields(null, 1L), new Versioned("v", "twelve"),
                new OnAMethod("fails"))) {
            Throwable expected = catchThrowable(() -> axon.resolveTarget(message(command)));
            assertThat(expected).as("Axon refuses %s", command).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cached.resolveTarget(message(command)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected.getMessage())
                    .satisfies(thrown -> assertThat(thrown.getCause() == null ? null : thrown.getCause().getClass())
                            .isEqualTo(expected.getCause() == null ? null : expected.getCause().getClass()));
        }
    }

    private void sameAsAxon(Object command) {
        VersionedAggregateIdentifier expected = axon.resolveTarget(message(command));
        assertThat(cached.resolveTarget(message(command))).isEqualTo(expected);
        assertThat(cached.resolveTarget(message(command))).isEqualTo(expected); // from the cache the second time
    }

    private static CommandMessage<?> message(Object command) {
        return GenericCommandMessage.asCommandMessage(command);
    }
}
