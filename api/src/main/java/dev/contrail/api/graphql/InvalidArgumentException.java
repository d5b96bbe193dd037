package dev.contrail.api.graphql;

/** A GraphQL argument that is well-typed but not acceptable; becomes a BAD_REQUEST error naming the argument. */
public class InvalidArgumentException extends RuntimeException {

    private final String argument;

    public InvalidArgumentException(String argument, String problem) {
        super("Invalid argument '" + argument + "': " + problem);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
