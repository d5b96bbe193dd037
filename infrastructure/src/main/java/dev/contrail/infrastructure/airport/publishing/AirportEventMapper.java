package dev.contrail.infrastructure.airport.publishing;

import dev.contrail.domain.airport.AirportChanged;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportRegistered;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.ArrivalRecorded;
import dev.contrail.domain.airport.DepartureRecorded;
import dev.contrail.domain.airport.Runway;
import dev.contrail.domain.airport.RunwayEnd;
import dev.contrail.schemas.airport.AirportData;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.airport.MovementData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps the Airport context's domain events to its published integration events ({@link AirportEvent}), and back. */
public final class AirportEventMapper {

    /** The domain events on the context's topic; the others are the aggregates' own bookkeeping. */
    public static final Set<Class<?>> PUBLISHED = Set.of(AirportRegistered.class, AirportChanged.class, DepartureRecorded.class,
            ArrivalRecorded.class);

    private AirportEventMapper() {
    }

    public static boolean isPublished(Object domainEvent) {
        return PUBLISHED.contains(domainEvent.getClass());
    }

    /**
     * @param aggregateId the aggregate that applied the event (an airport ident or a movement id)
     * @param occurredAt  when it happened: the movement's time, or when the reference data was imported
     */
    public static Optional<AirportEvent> toIntegrationEvent(Object domainEvent, String eventId, String aggregateId, long sequence,
                                                            Instant occurredAt) {
        var builder = AirportEvent.newBuilder().setEventId(eventId).setAggregateId(aggregateId).setSequence(sequence);
        if (domainEvent instanceof AirportRegistered e) {
            return Optional.of(builder.setAirportIdent(e.ident()).setOccurredAt(occurredAt)
                    .setPayload(dev.contrail.schemas.airport.AirportRegistered.newBuilder().setAirport(toAvro(e.details())).build()).build());
        }
        if (domainEvent instanceof AirportChanged e) {
            return Optional.of(builder.setAirportIdent(e.ident()).setOccurredAt(occurredAt)
                    .setPayload(dev.contrail.schemas.airport.AirportChanged.newBuilder().setAirport(toAvro(e.details()))
                            .setChangedFields(List.copyOf(e.changedFields())).build()).build());
        }
        if (domainEvent instanceof DepartureRecorded e) {
            return Optional.of(builder.setAirportIdent(e.airportIdent()).setOccurredAt(e.departedAt())
                    .setPayload(dev.contrail.schemas.airport.DepartureRecorded.newBuilder().setMovement(movement(e.movementId(), e.flightId(),
                            e.icao24(), e.callsign(), e.runway(), e.latitude(), e.longitude())).build()).build());
        }
        if (domainEvent instanceof ArrivalRecorded e) {
            return Optional.of(builder.setAirportIdent(e.airportIdent()).setOccurredAt(e.arrivedAt())
                    .setPayload(dev.contrail.schemas.airport.ArrivalRecorded.newBuilder().setMovement(movement(e.movementId(), e.flightId(),
                            e.icao24(), e.callsign(), e.runway(), e.latitude(), e.longitude())).build()).build());
        }
        return Optional.empty();
    }

    /** The domain event an integration event was made from. */
    public static Object toDomainEvent(AirportEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof dev.contrail.schemas.airport.AirportRegistered p) {
            return new AirportRegistered(event.getAirportIdent(), toDomain(event.getAirportIdent(), p.getAirport()));
        }
        if (payload instanceof dev.contrail.schemas.airport.AirportChanged p) {
            return new AirportChanged(event.getAirportIdent(), toDomain(event.getAirportIdent(), p.getAirport()), p.getChangedFields());
        }
        if (payload instanceof dev.contrail.schemas.airport.DepartureRecorded p) {
            MovementData m = p.getMovement();
            return new DepartureRecorded(m.getMovementId(), event.getAirportIdent(), m.getRunway(), m.getFlightId(), m.getIcao24(),
                    m.getCallsign(), event.getOccurredAt(), m.getLatitude(), m.getLongitude());
        }
        if (payload instanceof dev.contrail.schemas.airport.ArrivalRecorded p) {
            MovementData m = p.getMovement();
            return new ArrivalRecorded(m.getMovementId(), event.getAirportIdent(), m.getRunway(), m.getFlightId(), m.getIcao24(),
                    m.getCallsign(), event.getOccurredAt(), m.getLatitude(), m.getLongitude());
        }
        throw new IllegalArgumentException("Unknown Airport event payload " + payload.getClass().getName());
    }

    private static MovementData movement(String movementId, String flightId, String icao24, String callsign, String runway, double latitude,
                                         double longitude) {
        return MovementData.newBuilder().setMovementId(movementId).setFlightId(flightId).setIcao24(icao24).setCallsign(callsign)
                .setRunway(runway).setLatitude(latitude).setLongitude(longitude).build();
    }

    static AirportData toAvro(AirportDetails details) {
        return AirportData.newBuilder()
                .setType(dev.contrail.schemas.airport.AirportType.valueOf(details.type().name()))
                .setName(details.name())
                .setLatitude(details.latitude())
                .setLongitude(details.longitude())
                .setElevationM(details.elevationM())
                .setIsoCountry(details.isoCountry())
                .setIsoRegion(details.isoRegion())
                .setMunicipality(details.municipality())
                .setScheduledService(details.scheduledService())
                .setIcaoCode(details.icaoCode())
                .setIataCode(details.iataCode())
                .setRunways(details.runways().stream().map(AirportEventMapper::toAvro).toList())
                .build();
    }

    private static dev.contrail.schemas.airport.Runway toAvro(Runway runway) {
        return dev.contrail.schemas.airport.Runway.newBuilder()
                .setLowEnd(toAvro(runway.lowEnd()))
                .setHighEnd(runway.highEnd() == null ? null : toAvro(runway.highEnd()))
                .setLengthM(runway.lengthM())
                .setWidthM(runway.widthM())
                .setSurface(runway.surface())
                .setLighted(runway.lighted())
                .setClosed(runway.closed())
                .build();
    }

    private static dev.contrail.schemas.airport.RunwayEnd toAvro(RunwayEnd end) {
        return dev.contrail.schemas.airport.RunwayEnd.newBuilder().setDesignator(end.designator()).setLatitude(end.latitude())
                .setLongitude(end.longitude()).setElevationM(end.elevationM()).setHeadingDeg(end.headingDeg()).build();
    }

    static AirportDetails toDomain(String ident, AirportData data) {
        return new AirportDetails(ident, AirportType.valueOf(data.getType().name()), data.getName(), data.getLatitude(), data.getLongitude(),
                data.getElevationM(), data.getIsoCountry(), data.getIsoRegion(), data.getMunicipality(), data.getScheduledService(),
                data.getIcaoCode(), data.getIataCode(), data.getRunways().stream().map(AirportEventMapper::toDomain).toList());
    }

    private static Runway toDomain(dev.contrail.schemas.airport.Runway runway) {
        return new Runway(toDomain(runway.getLowEnd()), runway.getHighEnd() == null ? null : toDomain(runway.getHighEnd()), runway.getLengthM(),
                runway.getWidthM(), runway.getSurface(), runway.getLighted(), runway.getClosed());
    }

    private static RunwayEnd toDomain(dev.contrail.schemas.airport.RunwayEnd end) {
        return new RunwayEnd(end.getDesignator(), end.getLatitude(), end.getLongitude(), end.getElevationM(), end.getHeadingDeg());
    }
}
