/**
 * bcrypt password hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}), written from the published algorithm:
 * {@link io.promregator.core.bcrypt.BcryptHash} parses a hash and checks a password against it. No
 * dependencies on the rest of Promregator; thread-safe throughout.
 */
package io.promregator.core.bcrypt;
