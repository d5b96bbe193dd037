package dev.contrail.api.projections;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.infrastructure.kafka.DeadLetterRedrive;
import dev.contrail.infrastructure.kafka.DeadLetterRedrive.DeadLetter;
import dev.contrail.infrastructure.kafka.DeadLetterRedrive.Filter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** GraphQL for operators (schema {@code dead-letters.graphqls}, ADR 0028): the dead letters, and their re-drive. */
@Controller
class DeadLettersController {

    static final int MAX_PAGE = 1000;

    private final DeadLetterRedrive redrive;

    DeadLettersController(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    @QueryMapping
    @PreAuthorize("hasRole('ADMIN')")
    DeadLetterRedrive.Page deadLetters(@Argument String stage, @Argument String topic, @Argument Integer first, @Argument String after) {
        int size = first == null ? 50 : first;
        if (size < 0 || size > MAX_PAGE) {
            throw new InvalidArgumentException("first", "must be within [0, " + MAX_PAGE + "], was " + size);
        }
        if (after != null) {
            try {
                DeadLetterRedrive.parseCursor(after);
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("after", e.getMessage());
            }
        }
        return redrive.list(new Filter(blankToNull(topic), blankToNull(stage)), size, after);
    }

    @MutationMapping
    @PreAuthorize("hasRole('ADMIN')")
    DeadLetterRedrive.Outcome redriveDeadLetters(@Argument String stage, @Argument String topic, @Argument Integer max) {
        int limit = max == null ? 1000 : max;
        if (limit < 1) {
            throw new InvalidArgumentException("max", "must be at least 1, was " + limit);
        }
        return redrive.redrive(new Filter(blankToNull(topic), blankToNull(stage)), limit);
    }

    @SchemaMapping(typeName = "DeadLetter", field = "cursor")
    String cursor(DeadLetter letter) {
        return letter.cursor();
    }

    @SchemaMapping(typeName = "DeadLetter", field = "at")
    String at(DeadLetter letter) {
        return letter.at().toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
