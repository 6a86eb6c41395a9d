/**
 * The example as a named module: it compiles only against what promregator-core exports, and its tests
 * run on the module path, so that a change that hides a type an embedder needs fails here.
 */
module com.example.shop {
    requires io.promregator.core;
}
