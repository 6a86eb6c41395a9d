package io.promregator.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * How Promregator authenticates towards targets: {@code promregator.authenticator} (the global one) and
 * each entry of {@code promregator.targetAuthenticators} (with an {@code id}): HTTP Basic, or a bearer token
 * from an OAuth2 token service (client credentials), got with a client secret ({@code OAuth2XSUAABasic}) or
 * with a client certificate over mutual TLS ({@code OAuth2XSUAACertificate}, which also presents the
 * certificate to the targets).
 *
 * @param id referenced by {@code promregator.targets[].authenticatorId}; empty for the global authenticator
 * @param type {@code basic}, {@code OAuth2XSUAABasic}, {@code OAuth2XSUAACertificate}, {@code none}
 *     (any case); {@code OAuth2XSUAA} is the original's deprecated type; empty for none
 * @param oauth2xsuaa settings of the deprecated {@code OAuth2XSUAA} type
 */
public record Authenticator(
        String id,
        @Key(Check.AUTHENTICATOR_TYPE) String type,
        BasicCredentials basic,
        XsuaaBasic oauth2xsuaaBasic,
        XsuaaCertificate oauth2xsuaaCertificate,
        XsuaaBasic oauth2xsuaa) {

    public Authenticator {
        id = Objects.requireNonNullElse(id, "");
        type = Objects.requireNonNullElse(type, "");
        basic = Objects.requireNonNullElseGet(basic, BasicCredentials::defaults);
        oauth2xsuaaBasic = Objects.requireNonNullElseGet(oauth2xsuaaBasic, XsuaaBasic::defaults);
        oauth2xsuaaCertificate = Objects.requireNonNullElseGet(oauth2xsuaaCertificate, XsuaaCertificate::defaults);
        oauth2xsuaa = Objects.requireNonNullElseGet(oauth2xsuaa, XsuaaBasic::defaults);
    }

    /** No authentication. */
    public static Authenticator defaults() {
        return new Authenticator(null, null, null, null, null, null);
    }

    /** OAuth2 client credentials with client id and secret ({@code oauth2xsuaaBasic.*}). */
    public record XsuaaBasic(
            @Key(Check.OPTIONAL_URL) @JsonProperty("tokenServiceURL")
            String tokenServiceUrl,

            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret,
            String scopes) {

        public XsuaaBasic {
            tokenServiceUrl = Objects.requireNonNullElse(tokenServiceUrl, "");
            clientId = Objects.requireNonNullElse(clientId, "");
            clientSecret = Objects.requireNonNullElse(clientSecret, "");
            scopes = Objects.requireNonNullElse(scopes, "");
        }

        public static XsuaaBasic defaults() {
            return new XsuaaBasic(null, null, null, null);
        }

        @Override
        public String toString() {
            return "XsuaaBasic[tokenServiceUrl=" + tokenServiceUrl + ", clientId=" + clientId + ", clientSecret="
                    + Problems.HIDDEN + ", scopes=" + scopes + "]";
        }
    }

    /**
     * OAuth2 client credentials over mutual TLS ({@code oauth2xsuaaCertificate.*}), as in an XSUAA service
     * binding with {@code credential-type: x509}.
     *
     * @param tokenServiceCertUrl the token endpoint for client certificates (XSUAA's {@code certurl} plus
     *     {@code /oauth/token})
     * @param clientCertificates PEM text: the client certificate, then the CAs that issued it
     * @param clientKey PEM text: the certificate's unencrypted private key (PKCS#8, or PKCS#1 for RSA)
     * @param scopes comma- or space-separated scopes to ask for; empty for the client's defaults
     */
    public record XsuaaCertificate(
            @Key(Check.OPTIONAL_URL) @JsonProperty("tokenServiceCertURL")
            String tokenServiceCertUrl,

            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_certificates") String clientCertificates,
            @JsonProperty("client_key") String clientKey,
            String scopes) {

        public XsuaaCertificate {
            tokenServiceCertUrl = Objects.requireNonNullElse(tokenServiceCertUrl, "");
            clientId = Objects.requireNonNullElse(clientId, "");
            clientCertificates = Objects.requireNonNullElse(clientCertificates, "");
            clientKey = Objects.requireNonNullElse(clientKey, "");
            scopes = Objects.requireNonNullElse(scopes, "");
        }

        public static XsuaaCertificate defaults() {
            return new XsuaaCertificate(null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "XsuaaCertificate[tokenServiceCertUrl=" + tokenServiceCertUrl + ", clientId=" + clientId
                    + ", clientKey=" + Problems.HIDDEN + ", scopes=" + scopes + "]";
        }
    }
}
