package dev.contrail.api.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's pages (ADR 0031): static resources on the public GraphQL API. {@code /} is the dashboard
 * ({@code static/index.html}, Spring Boot's welcome page). {@code /graphiql} is GraphiQL served from its WebJar instead
 * of Spring for GraphQL's page, which loads React and GraphiQL from a CDN and is blank offline; it is there only when
 * {@code contrail.api.graphiql.enabled} is true: the demo turns it on, production leaves it off (ADR 0038).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardPages.GraphiQlPage.class)
public class DashboardPages implements WebMvcConfigurer {

    /**
     * Contrail's GraphiQL page.
     *
     * @param enabled serve GraphiQL at {@code /graphiql}; off unless configured (the demo turns it on)
     */
    @ConfigurationProperties("contrail.api.graphiql")
    public record GraphiQlPage(boolean enabled) {
    }

    private final boolean graphiQl;

    public DashboardPages(GraphiQlPage graphiQlPage) {
        this.graphiQl = graphiQlPage.enabled();
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        if (graphiQl) {
            registry.addRedirectViewController("/graphiql", "/graphiql/");
            registry.addViewController("/graphiql/").setViewName("forward:/graphiql/index.html");
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (graphiQl) {
            registry.addResourceHandler("/graphiql/**").addResourceLocations("classpath:/graphiql-page/");
        }
    }
}
