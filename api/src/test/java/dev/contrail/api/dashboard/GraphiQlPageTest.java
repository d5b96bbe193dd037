package dev.contrail.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;

/** GraphiQL is served only where it is turned on (the demo): production leaves it off (ADR 0038). DashboardIT runs it. */
class GraphiQlPageTest {

    @Test
    void offByDefaultNothingIsServedAtGraphiQl() {
        DashboardPages pages = new DashboardPages(new DashboardPages.GraphiQlPage(false));

        assertThat(resourceHandlers(pages).hasMappingForPattern("/graphiql/**")).isFalse();
    }

    @Test
    void turnedOnTheWebJarPageIsServedAtGraphiQl() {
        DashboardPages pages = new DashboardPages(new DashboardPages.GraphiQlPage(true));

        assertThat(resourceHandlers(pages).hasMappingForPattern("/graphiql/**")).isTrue();
    }

    @Test
    void thePageIsNotAmongTheAlwaysServedStaticResources() {
        assertThat(getClass().getResource("/static/graphiql/index.html")).isNull();
        assertThat(getClass().getResource("/graphiql-page/index.html")).isNotNull();
    }

    private static ResourceHandlerRegistry resourceHandlers(DashboardPages pages) {
        GenericWebApplicationContext context = new GenericWebApplicationContext();
        ResourceHandlerRegistry registry = new ResourceHandlerRegistry(context, new MockServletContext());
        pages.addResourceHandlers(registry);
        pages.addViewControllers(new ViewControllerRegistry(context));
        return registry;
    }
}
