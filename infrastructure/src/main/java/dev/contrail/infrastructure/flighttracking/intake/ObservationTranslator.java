package dev.contrail.infrastructure.flighttracking.intake;

import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.schemas.flighttracking.AircraftObservation;

/** Translates the observation stream's Avro contract into the domain's language, at the context's edge. */
final class ObservationTranslator {

    private ObservationTranslator() {
    }

    static Observation toDomain(AircraftObservation avro) {
        Position position = avro.getLatitude() == null || avro.getLongitude() == null
                ? null
                : new Position(avro.getLatitude(), avro.getLongitude(), avro.getBarometricAltitudeM(), avro.getGeometricAltitudeM());
        return new Observation(
                Icao24.of(avro.getIcao24()),
                avro.getObservedAt(),
                avro.getCallsign(),
                avro.getOriginCountry(),
                position,
                avro.getOnGround(),
                avro.getGroundSpeedMps(),
                avro.getTrackDeg(),
                avro.getVerticalRateMps(),
                avro.getSquawk());
    }
}
