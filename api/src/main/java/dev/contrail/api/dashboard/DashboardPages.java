package dev.contrail.api.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's pages (ADR 0031): static resources on the public GraphQL API. {@code /} is the dashboard
 * ({@code static/index.html}, Spring Boot's welcome page); {@code /graphiql} is GraphiQL served from its WebJar instead
 * of Spring for GraphQL's page, which loads React and GraphiQL from a CDN and is blank offline.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/graphiql", "/graphiql/");
        registry.addViewController("/graphiql/").setViewName("forward:/graphiql/index.html");
    }
}
