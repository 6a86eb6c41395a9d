package io.promregator.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API is what the module exports: the public types of its exported packages. It stays small, and the
 * README's Embedding section lists exactly those types.
 */
class ExportedApiTest {
    private static final int AIM = 40;
    private static final Pattern LISTED = Pattern.compile("`([A-Z][A-Za-z]*(?:\\.[A-Z][A-Za-z]*)*)`");

    @Test
    void theModuleExportsAFewPackagesUnqualified() throws IOException {
        assertThat(exportedPackages())
                .containsExactlyInAnyOrder(
                        "io.promregator.core",
                        "io.promregator.core.enrich",
                        "io.promregator.core.exposition",
                        "io.promregator.core.merge",
                        "io.promregator.core.target");
    }

    @Test
    void theExportedPackagesHoldAtMostFortyPublicTypes() throws IOException {
        assertThat(exportedTypes()).hasSizeLessThanOrEqualTo(AIM);
    }

    @Test
    void theReadmeListsExactlyTheExportedTypes() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- exported-api");
        assertThat(start).as("the README marks its list of the exported API").isNotNegative();
        String list = readme.substring(start, readme.indexOf("\n\n", start));
        Set<String> listed = new TreeSet<>();
        Matcher matcher = LISTED.matcher(list);
        while (matcher.find()) {
            listed.add(matcher.group(1));
        }
        Set<String> exported = exportedTypes().stream()
                .map(ExportedApiTest::nestedName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(exported);
        assertThat(list).contains(exported.size() + " public types");
    }

    /** Each public type of an exported package whose enclosing types are public too. */
    private static Set<JavaClass> exportedTypes() throws IOException {
        Set<String> packages = exportedPackages();
        return new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.promregator.core")
                        .stream()
                        .filter(type -> packages.contains(type.getPackageName()))
                        .filter(ExportedApiTest::visible)
                        .collect(Collectors.toSet());
    }

    private static boolean visible(JavaClass type) {
        if (type.isAnonymousClass()
                || type.isLocalClass()
                || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        Optional<JavaClass> enclosing = type.getEnclosingClass();
        return enclosing.isEmpty() || visible(enclosing.get());
    }

    private static String nestedName(JavaClass type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }

    private static Set<String> exportedPackages() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(exports -> !exports.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
        }
    }
}
