package dev.contrail.documentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples the README shows, read from the README itself so that a new one is picked up without touching a test:
 * <ul>
 *   <li>every operation of every {@code ```graphql} block (a block may hold several, separated by blank lines);</li>
 *   <li>the operation of a {@code graphql-ws} client in a {@code ```js} block ({@code query: '...' }});</li>
 *   <li>every {@code curl} command to {@code /graphql}, in a {@code ```bash} block or in inline code;</li>
 *   <li>every command of the packaged command line ({@value #CLI_JAR} ...) in a {@code ```bash} block.</li>
 * </ul>
 * A {@code ```graphql} block right after the line {@code <!-- example: not run, REASON -->} is not executed against a
 * running Contrail (it is still validated against the schema); the reason is required. Use it only for an example that
 * cannot answer without an error in a fresh Contrail, e.g. one that cancels a rebuild in progress.
 */
record ReadmeExamples(List<Example> all) {

    static final Path README = Path.of("..", "README.md");
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JS_QUERY = Pattern.compile("query: '(.*?)' }", Pattern.DOTALL);
    private static final Pattern INLINE_CURL = Pattern.compile("`(curl [^`]*/graphql[^`]*)`");
    private static final Pattern NOT_RUN = Pattern.compile("<!-- example: not run, (.+?) -->\\s*$");
    /** On the line before a fence: the block's operations are for operators and run with the admin's credentials. */
    private static final Pattern AS_ADMIN = Pattern.compile("<!-- example: as admin -->\\s*$");

    enum Kind { QUERY, MUTATION, SUBSCRIPTION, CURL, CLI }

    /** The packaged command line, as the README runs it (optionally after environment variables). */
    static final String CLI_JAR = "java -jar cli/target/contrail-cli.jar";

    /**
     * One example: where it is ({@code README.md:LINE}), what it is, its text (an operation, or a curl command line), and
     * why it is not run, or null.
     */
    record Example(int line, Kind kind, String text, String notRunBecause, boolean asAdmin) {

        Example(int line, Kind kind, String text, String notRunBecause) {
            this(line, kind, text, notRunBecause, false);
        }

        String where() {
            return "README.md:" + line;
        }

        @Override
        public String toString() {
            String oneLine = text.replaceAll("\\s+", " ");
            return where() + " " + (oneLine.length() > 90 ? oneLine.substring(0, 87) + "..." : oneLine);
        }
    }

    static ReadmeExamples read() {
        try {
            return parse(Files.readString(README));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReadmeExamples parse(String readme) {
        List<Example> examples = new ArrayList<>();
        Matcher fences = FENCE.matcher(readme);
        int searchFrom = 0;
        while (fences.find(searchFrom)) {
            String language = fences.group(1);
            String body = fences.group(2);
            int bodyStart = fences.start(2);
            switch (language) {
                case "graphql" -> graphQl(readme, fences.start(), body, bodyStart, examples);
                case "js" -> {
                    Matcher query = JS_QUERY.matcher(body);
                    while (query.find()) {
                        examples.add(new Example(lineOf(readme, bodyStart + query.start(1)), kindOf(query.group(1)), query.group(1), null));
                    }
                }
                case "bash" -> curls(readme, body, bodyStart, examples);
                default -> { }
            }
            searchFrom = fences.end();
        }
        // Inline code outside the fences, e.g. `curl -u admin:... localhost:8080/graphql ...`.
        Matcher inline = INLINE_CURL.matcher(withoutFences(readme));
        while (inline.find()) {
            examples.add(new Example(lineOf(readme, inline.start(1)), Kind.CURL, inline.group(1), null));
        }
        examples.sort(java.util.Comparator.comparingInt(Example::line));
        return new ReadmeExamples(List.copyOf(examples));
    }

    private static void graphQl(String readme, int fenceStart, String body, int bodyStart, List<Example> examples) {
        String notRunBecause = notRunBecause(readme, fenceStart);
        int offset = 0;
        for (String operation : body.split("\\n\\s*\\n", -1)) {
            int at = body.indexOf(operation, offset);
            offset = at + operation.length();
            if (!operation.isBlank()) {
                String trimmed = operation.trim();
                int line = lineOf(readme, bodyStart + at + operation.indexOf(trimmed));
                examples.add(new Example(line, kindOf(trimmed), trimmed, notRunBecause, asAdmin(readme, fenceStart)));
            }
        }
    }

    /** Whether the line just before the fence is the "as admin" marker. */
    private static boolean asAdmin(String readme, int fenceStart) {
        int endOfPrevious = fenceStart - 1;
        if (endOfPrevious < 0) {
            return false;
        }
        int startOfPrevious = readme.lastIndexOf('\n', endOfPrevious - 1) + 1;
        return AS_ADMIN.matcher(readme.substring(startOfPrevious, endOfPrevious)).find();
    }

    /** The reason on the line just before the fence, when it is the "not run" marker. */
    private static String notRunBecause(String readme, int fenceStart) {
        int endOfPrevious = fenceStart - 1;
        if (endOfPrevious < 0) {
            return null;
        }
        int startOfPrevious = readme.lastIndexOf('\n', endOfPrevious - 1) + 1;
        Matcher marker = NOT_RUN.matcher(readme.substring(startOfPrevious, endOfPrevious));
        return marker.find() ? marker.group(1).trim() : null;
    }

    private static void curls(String readme, String body, int bodyStart, List<Example> examples) {
        String[] lines = body.split("\\n", -1);
        int position = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineStart = position;
            position += lines[i].length() + 1;
            if (lines[i].replaceFirst("^([A-Z_]+=\\S+\\s+)*", "").startsWith(CLI_JAR + " ")) {
                examples.add(new Example(lineOf(readme, bodyStart + lineStart), Kind.CLI, lines[i].trim(), null));
                continue;
            }
            if (!lines[i].startsWith("curl ")) {
                continue;
            }
            StringBuilder command = new StringBuilder(lines[i]);
            while (command.toString().endsWith("\\") && i + 1 < lines.length) {
                command.setLength(command.length() - 1);
                i++;
                position += lines[i].length() + 1;
                command.append(' ').append(lines[i].trim());
            }
            if (command.toString().contains("/graphql")) {
                examples.add(new Example(lineOf(readme, bodyStart + lineStart), Kind.CURL, command.toString(), null));
            }
        }
    }

    static Kind kindOf(String operation) {
        String start = operation.stripLeading();
        if (start.startsWith("mutation")) {
            return Kind.MUTATION;
        }
        if (start.startsWith("subscription")) {
            return Kind.SUBSCRIPTION;
        }
        return Kind.QUERY;
    }

    /** The README with every fenced block blanked out (same length, so positions and lines are kept). */
    private static String withoutFences(String readme) {
        StringBuilder blanked = new StringBuilder(readme);
        Matcher fences = FENCE.matcher(readme);
        while (fences.find()) {
            for (int i = fences.start(); i < fences.end(); i++) {
                if (blanked.charAt(i) != '\n') {
                    blanked.setCharAt(i, ' ');
                }
            }
        }
        return blanked.toString();
    }

    private static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    List<Example> operations() {
        return all.stream().filter(example -> example.kind() != Kind.CURL && example.kind() != Kind.CLI).toList();
    }
}
