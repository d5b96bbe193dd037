package dev.contrail.schemas;

/**
 * The Kafka topics that make up Contrail's contracts, next to the schemas of their records (ADR 0005).
 * Everything about one aircraft is keyed by its icao24, so it stays in one partition and in order.
 */
public final class Topics {

    /**
     * Raw OpenSky state vectors exactly as reported: {@code OpenSkyStateVector}, keyed by the lower-case icao24.
     * Refinement dead-letters a record keyed otherwise, since it would sit on another partition than its aircraft.
     */
    public static final String OPENSKY_STATE_VECTORS = "opensky.state-vectors";

    /** Flight Tracking's refined observation stream: {@code AircraftObservation}, key icao24. */
    public static final String FLIGHT_TRACKING_OBSERVATIONS = "flight-tracking.observations";

    /** Flight Tracking's integration events: {@code FlightTrackingEvent}, key icao24. */
    public static final String FLIGHT_TRACKING_EVENTS = "flight-tracking.events";

    /**
     * The Airport context's integration events: {@code AirportEvent}, keyed by the airport's ident (e.g. KIAD), so
     * an airport's reference data and its movements stay in order (ADR 0015).
     */
    public static final String AIRPORT_EVENTS = "airport.events";

    /**
     * The Airspace context's integration events: {@code AirspaceEvent}. Key: icao24 for an aircraft's entries and exits,
     * the airspace id for a volume's definitions and capacity alerts (ADR 0018).
     */
    public static final String AIRSPACE_EVENTS = "airspace.events";

    /**
     * Whatever could not be processed, with the original bytes as the value and the reason in headers
     * ({@link DeadLetterHeaders}); the key names where it came from.
     */
    public static final String DEAD_LETTERS = "contrail.dead-letters";

    /** Headers of a dead letter. Values are UTF-8 text. */
    public static final class DeadLetterHeaders {
        /** Why it was rejected, in words an operator can act on. */
        public static final String REASON = "contrail-dlq-reason";
        /** Which processing stage rejected it, e.g. {@code capture}, {@code refinement}, {@code intake}. */
        public static final String STAGE = "contrail-dlq-stage";
        /** Where the bytes came from, e.g. a capture file name or a topic-partition@offset. */
        public static final String SOURCE = "contrail-dlq-source";
        /** The topic the record was read from, when it came from a topic (absent for a capture file, say). */
        public static final String TOPIC = "contrail-dlq-topic";
        /** Its partition there, in decimal. */
        public static final String PARTITION = "contrail-dlq-partition";
        /** Its offset there, in decimal. */
        public static final String OFFSET = "contrail-dlq-offset";
        /** Its original key, byte for byte (absent when it had none), so that a re-drive keeps it on its partition. */
        public static final String KEY = "contrail-dlq-key";

        private DeadLetterHeaders() {
        }
    }

    private Topics() {
    }
}
