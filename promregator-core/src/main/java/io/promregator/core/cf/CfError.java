package io.promregator.core.cf;

/** One entry of a Cloud Controller error body's {@code errors[]}: match on code and title, not detail. */
public record CfError(int code, String title, String detail) {}
