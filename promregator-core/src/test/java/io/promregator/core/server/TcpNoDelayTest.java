package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import org.junit.jupiter.api.Test;

/** The JDK server must answer with TCP_NODELAY, or each answer's body can wait 40 ms for a delayed ACK. */
class TcpNoDelayTest {
    @Test
    void startingTheServerAsksTheJdkForTcpNoDelayUnlessTheApplicationChoseItself() {
        System.clearProperty(JdkServerProperties.NO_DELAY);
        try (Promregator promregator = TestBuilder.create()
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start()) {
            assertThat(System.getProperty(JdkServerProperties.NO_DELAY)).isEqualTo("true");
        }
    }
}
