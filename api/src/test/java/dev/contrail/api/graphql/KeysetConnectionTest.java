package dev.contrail.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.relay.ConnectionCursor;
import graphql.relay.Edge;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeysetConnectionTest {

    @Test
    void theCursorOfAnEdgeGivesBackItsKey() {
        var connection = KeysetConnection.of(List.of("a1b2c3", "f00001"), Function.identity(), null, true);

        List<String> cursors = connection.getEdges().stream().map(Edge::getCursor).map(ConnectionCursor::getValue).toList();
        assertThat(cursors).doesNotContain("a1b2c3", "f00001");
        assertThat(cursors.stream().map(cursor -> KeysetConnection.key(cursor).orElseThrow())).containsExactly("a1b2c3", "f00001");
        assertThat(connection.getPageInfo().getStartCursor().getValue()).isEqualTo(cursors.get(0));
        assertThat(connection.getPageInfo().getEndCursor().getValue()).isEqualTo(cursors.get(1));
    }

    @Test
    void onlyAPageAfterACursorHasEdgesBeforeIt() {
        assertThat(KeysetConnection.of(List.of("a1b2c3"), Function.identity(), null, false).getPageInfo().isHasPreviousPage()).isFalse();
        assertThat(KeysetConnection.of(List.of("a1b2c3"), Function.identity(), "a00000", false).getPageInfo().isHasPreviousPage()).isTrue();
    }

    @Test
    void anEmptyPageHasNoCursors() {
        var pageInfo = KeysetConnection.of(List.<String>of(), Function.identity(), "a00000", false).getPageInfo();

        assertThat(pageInfo.getStartCursor()).isNull();
        assertThat(pageInfo.getEndCursor()).isNull();
        assertThat(pageInfo.isHasNextPage()).isFalse();
    }

    @Test
    void textThatIsNotBase64IsNoCursor() {
        assertThat(KeysetConnection.key("abc+/=")).isEmpty();
        assertThat(KeysetConnection.key("a")).isEmpty();
    }
}
