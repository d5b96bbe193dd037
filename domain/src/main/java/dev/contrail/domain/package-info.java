/**
 * The bounded contexts' models. Each sub-package is one context and speaks only its own language;
 * a context learns about another only through that context's published events (see ADR 0002).
 * Nothing here may depend on Spring, Kafka, JPA or Avro: ArchitectureTest fails the build if it does.
 */
package dev.contrail.domain;
