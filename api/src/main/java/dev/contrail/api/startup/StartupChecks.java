package dev.contrail.api.startup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What Contrail checks before it creates anything (ADR 0038). */
@Configuration(proxyBeanMethods = false)
public class StartupChecks {

    /** Static: a bean factory post-processor, created before every other bean. */
    @Bean
    static RequiredServices requiredServices(Environment environment) {
        return new RequiredServices(environment);
    }
}
