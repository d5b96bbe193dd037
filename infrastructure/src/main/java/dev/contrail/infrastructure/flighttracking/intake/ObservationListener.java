package dev.contrail.infrastructure.flighttracking.intake;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Feeds the refined observation stream to the Flight Tracking domain, a poll's worth at a time. Offsets are
 * committed only after the whole batch was handled; a failure is retried and, if it persists, the batch's
 * failed record goes to the dead-letter topic (see {@code IntakeConfiguration}).
 */
public class ObservationListener {

    public static final String ID = "flight-tracking-intake";

    private final ObservationIntake intake;

    public ObservationListener(ObservationIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(id = ID, topics = Topics.FLIGHT_TRACKING_OBSERVATIONS, containerFactory = IntakeConfiguration.CONTAINER_FACTORY,
            idIsGroup = false, batch = "true")
    public void onObservations(List<AircraftObservation> observations) {
        intake.record(observations.stream().map(ObservationTranslator::toDomain).toList());
    }
}
