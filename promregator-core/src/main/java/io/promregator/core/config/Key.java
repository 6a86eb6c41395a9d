package io.promregator.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a configuration key accepts and whether it acts, declared on the record component that holds it.
 * The component gives the key's name ({@code @JsonProperty}, else its own), its type and, through the
 * record's {@code defaults()}, its default; this annotation adds the rest, and {@link ConfigSchema} reads
 * it all. A component without it accepts any value of its type and is implemented.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Key {
    /** What the value must satisfy beyond its type: for a list, each element; for a map, each value. */
    Check value() default Check.ANY;

    /** For a map: what each of its keys must satisfy. */
    Check keys() default Check.ANY;

    /**
     * False for a key of the original that this version accepts but does not act on yet; for a section,
     * every key below it. {@code --check-config} and start-up name such keys when a file sets them.
     */
    boolean implemented() default true;

    /** For a section shared by several places: the names of its keys that have no effect in this place. */
    String[] noEffect() default {};

    /**
     * For a section shared by several places: the key of the section that {@link #value()} checks in this
     * place (the password of {@code promregator.authentication.basic} may be a bcrypt hash; that of an
     * outbound authenticator is sent as it is).
     */
    String child() default "";
}
