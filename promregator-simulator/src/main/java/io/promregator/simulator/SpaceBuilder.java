package io.promregator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds a {@link Space} inside {@link OrganizationBuilder#space(String, Consumer)}. */
public final class SpaceBuilder {
    private final String orgName;
    private final String name;
    private final List<Application> applications = new ArrayList<>();
    private String id;
    private boolean visible = true;

    SpaceBuilder(String orgName, String name) {
        this.orgName = orgName;
        this.name = name;
        this.id = Guids.of("space", orgName, name);
    }

    /** Uses this GUID instead of the one derived from the names. */
    public SpaceBuilder id(String guid) {
        this.id = Guids.require(guid, "space id");
        return this;
    }

    /** The simulated user has no role in this space: it and its apps stay unlisted. */
    public SpaceBuilder invisible() {
        this.visible = false;
        return this;
    }

    public SpaceBuilder app(String appName, Consumer<ApplicationBuilder> content) {
        ApplicationBuilder builder = new ApplicationBuilder(orgName, name, appName);
        content.accept(builder);
        applications.add(builder.build());
        return this;
    }

    /** A started app with one running instance and no route. */
    public SpaceBuilder app(String appName) {
        return app(appName, app -> {});
    }

    Space build() {
        return new Space(id, name, visible, applications);
    }
}
