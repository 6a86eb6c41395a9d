package io.promregator.core.metrics;

import static io.promregator.core.metrics.Expositions.samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.Labels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceIdentityTest {
    /** What Cloud Foundry sets for an app instance (trimmed). */
    private static final String VCAP_APPLICATION = """
            {"application_id": "1b2c3d4e-0000-4000-8000-00000000aaaa",
             "application_name": "promregator",
             "application_uris": ["promregator.apps.example.org"],
             "cf_api": "https://api.example.org",
             "limits": {"fds": 16384, "mem": 1024, "disk": 1024},
             "name": "promregator",
             "organization_id": "0f0f0f0f-0000-4000-8000-00000000bbbb",
             "organization_name": "monitoring",
             "space_id": "5e5e5e5e-0000-4000-8000-00000000cccc",
             "space_name": "prod",
             "uris": ["promregator.apps.example.org"],
             "version": "8c1e5d2a-0000-4000-8000-00000000dddd"}
            """;

    private static final String PROCESS = "6f1c2b3a-0000-4000-8000-000000000001";

    @Test
    void readsTheAppInstanceFromTheCloudFoundryEnvironment() {
        InstanceIdentity identity = InstanceIdentity.fromEnvironment(
                Map.of(
                        "VCAP_APPLICATION", VCAP_APPLICATION,
                        "CF_INSTANCE_INDEX", "2",
                        "CF_INSTANCE_GUID", "9a8b7c6d-0000-4000-8000-00000000eeee",
                        "HOSTNAME", "9a8b7c6d-0000-4000-8000"),
                PROCESS,
                "1.2.3");

        assertThat(identity)
                .isEqualTo(new InstanceIdentity(
                        "9a8b7c6d-0000-4000-8000",
                        "monitoring",
                        "prod",
                        "promregator",
                        "1b2c3d4e-0000-4000-8000-00000000aaaa",
                        "2",
                        "9a8b7c6d-0000-4000-8000-00000000eeee",
                        PROCESS,
                        "1.2.3"));
        assertThat(identity.isCloudFoundry()).isTrue();
        assertThat(identity.describe())
                .isEqualTo("Promregator 1.2.3, instance " + PROCESS + ", Cloud Foundry app promregator"
                        + " (guid 1b2c3d4e-0000-4000-8000-00000000aaaa) instance 2"
                        + " (guid 9a8b7c6d-0000-4000-8000-00000000eeee) in space prod of org monitoring,"
                        + " host 9a8b7c6d-0000-4000-8000");
    }

    @Test
    void takesInstanceIndexAndIdFromVcapApplicationOfOlderFoundations() {
        String older = VCAP_APPLICATION.replace(
                "\"limits\"", "\"instance_index\": 1, \"instance_id\": \"abc123\", \"limits\"");

        InstanceIdentity identity =
                InstanceIdentity.fromEnvironment(Map.of("VCAP_APPLICATION", older, "HOSTNAME", "h"), PROCESS, "1");

        assertThat(identity.instanceIndex()).isEqualTo("1");
        assertThat(identity.instanceGuid()).isEqualTo("abc123");
    }

    @Test
    void outsideCloudFoundryNamesTheHost() {
        InstanceIdentity identity = InstanceIdentity.fromEnvironment(Map.of("HOSTNAME", "box7"), PROCESS, "1.2.3");

        assertThat(identity.isCloudFoundry()).isFalse();
        assertThat(identity.applicationName()).isEmpty();
        assertThat(identity.describe()).isEqualTo("Promregator 1.2.3, instance " + PROCESS + ", host box7");
    }

    @Test
    void ignoresAVcapApplicationThatIsNotAJsonObject() {
        InstanceIdentity identity = InstanceIdentity.fromEnvironment(
                Map.of("VCAP_APPLICATION", "{not json", "HOSTNAME", "box7"), PROCESS, "1.2.3");

        assertThat(identity.isCloudFoundry()).isFalse();
        assertThat(identity.host()).isEqualTo("box7");
    }

    @Test
    void withoutHostnameVariableAsksTheSystem() {
        assertThat(InstanceIdentity.fromEnvironment(Map.of(), PROCESS, "1").host())
                .isNotEmpty();
    }

    @Test
    void theBuildVersionComesFromTheFilteredResource() {
        assertThat(InstanceIdentity.buildVersion()).isNotEmpty().doesNotContain("${");
    }

    @Test
    void isExposedAsPromregatorInstanceInfo() {
        InstanceIdentity identity = InstanceIdentity.fromEnvironment(
                Map.of("VCAP_APPLICATION", VCAP_APPLICATION, "CF_INSTANCE_INDEX", "0", "HOSTNAME", "h1"),
                PROCESS,
                "1.2.3");
        OwnMetrics metrics = new OwnMetrics(OwnMetricsSettings.defaults().withIdentity(identity));

        for (ExpositionFormat format : ExpositionFormat.values()) {
            assertThat(samples(Expositions.parse(metrics.registry(), format), "promregator_instance_info"))
                    .singleElement()
                    .satisfies(info -> {
                        assertThat(info.value()).isEqualTo(1);
                        assertThat(info.labels())
                                .isEqualTo(Labels.of(
                                        "app_id", "1b2c3d4e-0000-4000-8000-00000000aaaa",
                                        "app_name", "promregator",
                                        "cf_instance_guid", "",
                                        "cf_instance_number", "0",
                                        "host", "h1",
                                        "instance_id", PROCESS,
                                        "org_name", "monitoring",
                                        "space_name", "prod",
                                        "version", "1.2.3"));
                    });
        }
    }
}
