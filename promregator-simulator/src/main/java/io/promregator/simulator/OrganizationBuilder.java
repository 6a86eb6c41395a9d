package io.promregator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds an {@link Organization} inside {@link Foundation.Builder#org(String, Consumer)}. */
public final class OrganizationBuilder {
    private final String name;
    private final List<Space> spaces = new ArrayList<>();
    private String id;
    private boolean visible = true;

    OrganizationBuilder(String name) {
        this.name = name;
        this.id = Guids.of("organization", name);
    }

    /** Uses this GUID instead of the one derived from the name. */
    public OrganizationBuilder id(String guid) {
        this.id = Guids.require(guid, "organization id");
        return this;
    }

    /** The simulated user has no role in this org: it and everything in it stay unlisted. */
    public OrganizationBuilder invisible() {
        this.visible = false;
        return this;
    }

    public OrganizationBuilder space(String spaceName, Consumer<SpaceBuilder> content) {
        SpaceBuilder builder = new SpaceBuilder(name, spaceName);
        content.accept(builder);
        spaces.add(builder.build());
        return this;
    }

    public OrganizationBuilder space(String spaceName) {
        return space(spaceName, space -> {});
    }

    Organization build() {
        return new Organization(id, name, visible, spaces);
    }
}
