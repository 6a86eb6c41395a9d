/**
 * A Cloud Controller v3 and UAA client on the JDK's {@link java.net.http.HttpClient}: {@link
 * io.promregator.core.cf.client.HttpCloudController} implements {@link io.promregator.core.cf.CloudController},
 * configured by {@link io.promregator.core.cf.client.CloudControllerSettings}.
 */
package io.promregator.core.cf.client;
