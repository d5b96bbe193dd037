package dev.contrail.benchmarks.endtoend;

import dev.contrail.demo.EmbeddedServices;

/** The embedded Kafka broker and PostgreSQL server a benchmark runs Contrail against, started once per JVM. */
record EmbeddedStack(String bootstrapServers, String postgresUrl, String user) {

    static EmbeddedStack start() {
        Log.info("Starting embedded Kafka and PostgreSQL");
        return new EmbeddedStack(EmbeddedServices.kafkaBootstrapServers(KafkaRawLimits.PARTITIONS), EmbeddedServices.postgresJdbcUrl(),
                EmbeddedServices.postgresUser());
    }
}
