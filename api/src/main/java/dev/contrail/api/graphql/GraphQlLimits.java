package dev.contrail.api.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How big a GraphQL request may be (ADR 0027). Each bound is checked before anything is fetched; a request above one
 * gets a GraphQL error that names it, and nothing else happens.
 *
 * @param maxDepth      fields nested in one another, fragments expanded (the full introspection query fits)
 * @param maxComplexity fields in the operation, fragments expanded: each field costs 1
 * @param maxAliases    aliased fields in the document (aliases let one request ask for the same list many times)
 * @param maxTokens     lexical tokens of the document, checked while parsing
 * @param maxCharacters characters of the document, checked while parsing
 */
@ConfigurationProperties("contrail.api.graphql")
public record GraphQlLimits(@DefaultValue("15") int maxDepth,
                            @DefaultValue("500") int maxComplexity,
                            @DefaultValue("10") int maxAliases,
                            @DefaultValue("5000") int maxTokens,
                            @DefaultValue("50000") int maxCharacters) {
}
