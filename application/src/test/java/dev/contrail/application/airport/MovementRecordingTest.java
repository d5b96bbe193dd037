package dev.contrail.application.airport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airport.AircraftFix;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.Attribution;
import dev.contrail.domain.airport.MovementKind;
import dev.contrail.domain.airport.RecordMovement;
import dev.contrail.domain.airport.Runway;
import dev.contrail.domain.airport.RunwayEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MovementRecordingTest {

    static final AirportDetails KIAD = new AirportDetails("KIAD", AirportType.LARGE_AIRPORT, "Washington Dulles International Airport",
            38.9445, -77.455803, 95.1, "US", "US-VA", "Dulles", true, "KIAD", "IAD", List.of(new Runway(
            new RunwayEnd("12", 38.94380187988281, -77.49040222167969, null, 110.6),
            new RunwayEnd("30", 38.93360137939453, -77.45590209960938, null, 290.6), 3200.0, 45.0, "CON", true, false)));
    static final AirportDetails KBWI = new AirportDetails("KBWI", AirportType.LARGE_AIRPORT, "Baltimore/Washington", 39.1754, -76.668297,
            44.5, "US", "US-MD", "Baltimore", true, "KBWI", "BWI", List.of());

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final AirportIndex index = new AirportIndex();
    private final MovementRecording recording = new MovementRecording(DefaultCommandGateway.builder().commandBus(bus).build(), index);
    private final List<RecordMovement> sent = new ArrayList<>();

    @BeforeEach
    void setUp() {
        bus.subscribe(RecordMovement.class.getName(), (CommandMessage<?> command) -> {
            sent.add((RecordMovement) command.getPayload());
            return sent.size() == 1;
        });
        index.put(KIAD);
        index.put(KBWI);
    }

    @Test
    void aTakeOffFromDullesIsRecordedThereWithItsRunway() {
        var outcome = recording.record(takeOff(new AircraftFix(38.9348, -77.46, 91.44, 60.96, 36.31, 290.75)));

        assertThat(outcome.recorded()).isTrue();
        assertThat(sent).singleElement().satisfies(command -> {
            assertThat(command.airportIdent()).isEqualTo("KIAD");
            assertThat(command.runway()).isEqualTo("30");
            assertThat(command.movementId()).isEqualTo("a445ee-1678803647/departure");
            assertThat(command.callsign()).isEqualTo("UAL1744");
        });
    }

    @Test
    void theSameTakeOffAgainIsAddressedToTheSameMovement() {
        var fix = new AircraftFix(38.9348, -77.46, 91.44, 60.96, 36.31, 290.75);
        recording.record(takeOff(fix));
        var again = recording.record(takeOff(fix));

        assertThat(again.recorded()).isFalse();
        assertThat(sent).extracting(RecordMovement::movementId).containsExactly("a445ee-1678803647/departure", "a445ee-1678803647/departure");
    }

    @Test
    void aTakeOffFarFromEveryAirportSendsNothing() {
        var outcome = recording.record(takeOff(new AircraftFix(40.5, -75.0, 150.0, null, 50.0, 90.0)));

        assertThat(outcome.attribution()).isInstanceOfSatisfying(Attribution.NotAttributed.class,
                n -> assertThat(n.reason()).isEqualTo(Attribution.Reason.NO_AIRPORT_NEARBY));
        assertThat(sent).isEmpty();
    }

    @Test
    void theIndexFindsOnlyAirportsNearThePointAndKeepsTheLatestData() {
        assertThat(index.near(38.94, -77.46, 5_000)).extracting(AirportDetails::ident).containsExactly("KIAD");
        var renamed = new AirportDetails("KIAD", AirportType.LARGE_AIRPORT, "Dulles", 38.9445, -77.455803, 95.1, "US", "US-VA", "Dulles",
                true, "KIAD", "IAD", List.of());
        index.put(renamed);
        assertThat(index.near(38.94, -77.46, 5_000)).containsExactly(renamed);
        assertThat(index.size()).isEqualTo(2);
    }

    private static FlightMovement takeOff(AircraftFix fix) {
        return new FlightMovement(MovementKind.DEPARTURE, "a445ee-1678803647", "a445ee", "UAL1744", Instant.ofEpochSecond(1678803657), fix);
    }
}
