/**
 * A Cloud Foundry foundation on 127.0.0.1 for tests and demos: the Cloud Controller v3, UAA and the
 * gorouter, over real HTTP with the JDK's server. Depends on no other module of Promregator.
 */
module io.promregator.simulator {
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires org.slf4j;

    exports io.promregator.simulator;
}
