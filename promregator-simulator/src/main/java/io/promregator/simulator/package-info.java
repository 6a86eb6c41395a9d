/**
 * A simulated Cloud Foundry foundation over real HTTP, for tests, the CLI's demo mode and benchmarks.
 * JDK only ({@code com.sun.net.httpserver}) plus Jackson; everything binds to 127.0.0.1.
 *
 * <p>{@link io.promregator.simulator.CfSimulator} serves, on its API port: {@code GET /} (links
 * {@code cloud_controller_v3}, {@code login} = {@code <api>/login}, {@code uaa} = {@code <api>/uaa}; no
 * {@code cloud_controller_v2}), {@code GET /v3/info}, the UAA token endpoint {@code POST /login/oauth/token}
 * and {@code POST /uaa/oauth/token}, and the Cloud Controller v3 calls discovery needs:
 *
 * <ul>
 *   <li>{@code /v3/organizations} ({@code names}, {@code guids}), {@code /v3/spaces} ({@code names},
 *       {@code guids}, {@code organization_guids}, {@code include=organization}), {@code /v3/apps}
 *       ({@code names}, {@code guids}, {@code space_guids}, {@code organization_guids},
 *       {@code include=space,space.organization}), {@code /v3/processes} ({@code guids}, {@code types},
 *       {@code app_guids}, {@code space_guids}, {@code organization_guids}), {@code /v3/routes}
 *       ({@code app_guids}, {@code space_guids}, {@code organization_guids}, {@code domain_guids},
 *       {@code hosts}, {@code paths}, {@code include=domain,space,space.organization}), {@code /v3/domains}
 *       ({@code names}, {@code guids}, {@code organization_guids}). Every list takes {@code page},
 *       {@code per_page} (1..5000, default 50) and {@code order_by} ({@code created_at}, {@code updated_at},
 *       {@code name} where the resource has one, {@code -} for descending). {@code names} ignores case.
 *       Any other parameter (also {@code label_selector}) is a 400 {@code CF-BadQueryParameter}.
 *   <li>{@code pagination.next.href} and friends are absolute and carry every parameter of the request,
 *       keys sorted and values escaped as Rails does ({@code ,} as {@code %2C}); an empty result has
 *       {@code total_pages: 1}.
 *   <li>Single resources by GUID ({@code /v3/apps/:guid} etc.) and {@code /v3/processes/:guid/stats}
 *       (not paginated); unknown or invisible GUIDs are 404 {@code CF-ResourceNotFound}.
 *   <li>Each app has exactly one process, of type {@code web}, whose {@code instances} is the app's
 *       instance count.
 * </ul>
 *
 * <p>On its gorouter port it is an HTTP forward proxy for {@code http://} URLs and also routes by Host
 * header: {@code X-CF-APP-INSTANCE: <appGuid>:<index>} picks a running instance, errors come as the
 * gorouter writes them ({@code X-Cf-Routererror}). HTTPS ({@code CONNECT}) is not supported: configure
 * targets with protocol {@code http} and the gorouter as the scraping proxy. Internal routes
 * ({@code [index.]host.apps.internal:8080}) are reachable through the same proxy. The instances of an app
 * built with {@link io.promregator.simulator.ApplicationBuilder#backends(java.net.URI...)} are real
 * servers: every request for them is forwarded as the gorouter forwards it and the answer streamed back,
 * e.g. to run several Promregator processes as the instances of one app.
 *
 * <p>Build what it serves with {@link io.promregator.simulator.Foundation#builder()}, or take
 * {@link io.promregator.simulator.Foundation#demo()} or
 * {@link io.promregator.simulator.Foundation#large(int, int, int, int)}. Change it while running
 * through {@link io.promregator.simulator.CfSimulator#live()}; change how it answers (latency,
 * token lifetime, 429s, outages) through {@link io.promregator.simulator.CfSimulator#knobs()}.
 */
package io.promregator.simulator;
