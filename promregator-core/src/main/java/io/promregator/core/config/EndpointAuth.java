package io.promregator.core.config;

/** Whether an endpoint of Promregator asks callers for the inbound Basic credentials. */
public enum EndpointAuth {
    NONE,
    BASIC
}
