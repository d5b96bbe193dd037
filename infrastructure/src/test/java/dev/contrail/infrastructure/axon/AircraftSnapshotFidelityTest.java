package dev.contrail.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.flighttracking.Aircraft;
import dev.contrail.domain.flighttracking.EmergencyDeclared;
import dev.contrail.domain.flighttracking.EmergencyKind;
import dev.contrail.domain.flighttracking.FlightDetected;
import dev.contrail.domain.flighttracking.Landed;
import dev.contrail.domain.flighttracking.LiftOffReported;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.TouchdownReported;
import dev.contrail.domain.flighttracking.TrackPoint;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * An aircraft loaded from its snapshot must be the aircraft that was snapshotted, every field of it: after a restart
 * its aggregate cache is empty and every long-lived aircraft starts from a snapshot, so a field lost there — a pending
 * change of ground state above all (ADR 0022) — would make it decide otherwise than it did before the restart.
 */
class AircraftSnapshotFidelityTest {

    private static final Instant T0 = Instant.parse("2023-03-14T14:20:47Z");
    private static final Position OVER_DULLES = new Position(38.8778, -77.3974, 7010.4, 6659.88);
    private static final Position RUNWAY_19C = new Position(38.9500, -77.4470, null, 95.0);
    private static final List<TrackPoint> APPROACH = List.of(
            new TrackPoint(T0.plusSeconds(30), new Position(38.9700, -77.4460, 300.0, 310.0), false, 72.0, 191.0),
            new TrackPoint(T0.plusSeconds(35), new Position(38.9600, -77.4465, 150.0, 160.0), false, 70.0, 190.5));

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new AxonConfiguration().defaultAxonObjectMapper()).build();

    @Test
    void anAircraftAwaitingTheReportThatConfirmsItsTouchdownIsSnapshottedWhole() throws Exception {
        Aircraft aircraft = aircraft(
                new FlightDetected("a65527", "a65527-1678803647", T0, "NKS2003", "United States", OVER_DULLES, false, 187.84, 208.46, 0.0, "7700"),
                new EmergencyDeclared("a65527", "a65527-1678803647", T0, EmergencyKind.GENERAL_EMERGENCY, "7700", OVER_DULLES),
                new TouchdownReported("a65527", "a65527-1678803647", T0.plusSeconds(40), RUNWAY_19C, 68.0, 190.0, APPROACH));

        assertThat(roundTrip(aircraft)).usingRecursiveComparison().isEqualTo(aircraft);
    }

    @Test
    void aLandedAircraftAwaitingItsLiftOffsConfirmationIsSnapshottedWhole() throws Exception {
        Aircraft aircraft = aircraft(
                new FlightDetected("a65527", "a65527-1678803647", T0, "NKS2003", "United States", OVER_DULLES, false, 187.84, 208.46, 0.0, "0260"),
                new Landed("a65527", "a65527-1678803647", T0.plusSeconds(40), RUNWAY_19C, 8.0, 190.0, APPROACH),
                new LiftOffReported("a65527", "a65527-1678803647", T0.plusSeconds(3_600), RUNWAY_19C, 80.0, 10.0, APPROACH));

        assertThat(roundTrip(aircraft)).usingRecursiveComparison().isEqualTo(aircraft);
    }

    private Aircraft roundTrip(Aircraft aircraft) {
        SerializedObject<byte[]> snapshot = serializer.serialize(aircraft, byte[].class);
        return serializer.deserialize(snapshot);
    }

    /** An aircraft as Axon sources it: its no-argument constructor, then its event-sourcing handlers. */
    private static Aircraft aircraft(Object... events) throws Exception {
        Constructor<Aircraft> constructor = Aircraft.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        Aircraft aircraft = constructor.newInstance();
        for (Object event : events) {
            Method on = Aircraft.class.getDeclaredMethod("on", event.getClass());
            on.setAccessible(true);
            on.invoke(aircraft, event);
        }
        return aircraft;
    }
}
