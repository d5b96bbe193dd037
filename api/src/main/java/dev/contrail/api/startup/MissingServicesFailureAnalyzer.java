package dev.contrail.api.startup;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which of Contrail's services are not configured, and how to configure them or run the demo instead. */
public class MissingServicesFailureAnalyzer extends AbstractFailureAnalyzer<RequiredServices.MissingServicesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RequiredServices.MissingServicesException cause) {
        String description = "Contrail cannot start without " + cause.missing().stream()
                .map(RequiredServices.Setting::service).collect(Collectors.joining(" and ")) + ", and none is configured: "
                + cause.missing().stream().map(RequiredServices.Setting::property).collect(Collectors.joining(" and "))
                + (cause.missing().size() == 1 ? " is" : " are") + " not set.";
        String action = cause.missing().stream()
                .map(setting -> "  " + setting.environmentVariable() + " (or " + setting.property() + "): " + setting.example())
                .collect(Collectors.joining("\n", "Set\n", "\n"))
                + "To try Contrail without them, run the demo, which starts embedded ones: ./mvnw -pl api -am spring-boot:run";
        return new FailureAnalysis(description, action, cause);
    }
}
