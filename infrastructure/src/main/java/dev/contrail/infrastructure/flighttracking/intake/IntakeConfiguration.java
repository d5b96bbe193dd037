package dev.contrail.infrastructure.flighttracking.intake;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.HashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/** Wires the observation stream into the Flight Tracking domain. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    public static final String CONTAINER_FACTORY = "observationListenerContainerFactory";
    static final String STAGE = "intake";

    @Bean
    ObservationIntake observationIntake(CommandGateway commandGateway) {
        return new ObservationIntake(commandGateway);
    }

    @Bean
    ObservationListener observationListener(ObservationIntake intake) {
        return new ObservationListener(intake);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, AircraftObservation> observationListenerContainerFactory(
            KafkaProperties kafka, ContrailKafkaProperties contrail, DeadLetterPublisher deadLetters) {
        var properties = new HashMap<>(kafka.buildConsumerProperties());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, contrail.applicationId(ObservationListener.ID));
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);
        var consumers = new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(serde.deserializer()));

        var factory = new ConcurrentKafkaListenerContainerFactory<String, AircraftObservation>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        // Retry a failing batch a few times (a transient store or broker fault), then dead-letter it: nothing is lost,
        // and the aircraft ignore observations they already have when a batch is replayed from the dead-letter topic.
        factory.setCommonErrorHandler(new DefaultErrorHandler(toDeadLetters(deadLetters, serde), new FixedBackOff(1_000, 3)));
        return factory;
    }

    private static ConsumerRecordRecoverer toDeadLetters(DeadLetterPublisher deadLetters, AvroSerde<AircraftObservation> serde) {
        return (ConsumerRecord<?, ?> record, Exception failure) -> {
            String source = record.topic() + "-" + record.partition() + "@" + record.offset();
            DeserializationException undecodable = findCause(failure, DeserializationException.class);
            byte[] original = undecodable != null
                    ? undecodable.getData()
                    : serde.serializer().serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, (AircraftObservation) record.value());
            Throwable root = undecodable != null ? undecodable : rootCause(failure);
            deadLetters.publish(STAGE, source, root.getClass().getSimpleName() + ": " + root.getMessage(), original).join();
        };
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
