package io.promregator.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of core's main code, checked over the compiled classes. The root package holds the seams
 * and their data, which every stage may use, and the wiring ({@link Promregator}),
 * which no stage may use. Below it, the packages form no cycle.
 */
class ArchitectureTest {
    private static final String PROJECT = "io.promregator..";
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.promregator.core");

    @Test
    void thePackagesBelowTheRootFormNoCycle() {
        slices().matching("io.promregator.core.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void noStageUsesTheWiring() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.promregator.core")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Promregator.class, Promregator.Builder.class, Wiring.class, Configuration.class)
                .check(CORE);
    }

    @Test
    void expositionDependsOnNothingElseOfTheProject() {
        noClasses()
                .that()
                .resideInAPackage("io.promregator.core.exposition..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage(PROJECT).and(not(resideInAPackage("io.promregator.core.exposition.."))))
                .check(CORE);
    }

    @Test
    void enrichmentMergingAndStaticTargetsKnowOnlyExpositionsAndTheSeams() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.promregator.core.enrich..", "io.promregator.core.merge..", "io.promregator.core.target..")
                .should()
                .dependOnClassesThat(resideInAPackage(PROJECT)
                        .and(not(resideInAnyPackage(
                                "io.promregator.core",
                                "io.promregator.core.exposition..",
                                "io.promregator.core.enrich..",
                                "io.promregator.core.merge..",
                                "io.promregator.core.target.."))))
                .check(CORE);
    }

    @Test
    void configurationIsALeafThatTheWiringReads() {
        noClasses()
                .that()
                .resideInAPackage("io.promregator.core.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.promregator.core.cf..",
                        "io.promregator.core.scrape..",
                        "io.promregator.core.server..",
                        "io.promregator.core.metrics..",
                        "io.promregator.core.merge..",
                        "io.promregator.core.auth..")
                .check(CORE);
    }

    @Test
    void theServerKnowsNoCloudFoundryClient() {
        noClasses()
                .that()
                .resideInAPackage("io.promregator.core.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.promregator.core.cf..")
                .check(CORE);
    }

    @Test
    void discoveryNamesTargetsWithoutTheEnricher() {
        noClasses()
                .that()
                .resideInAPackage("io.promregator.core.cf..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.promregator.core.enrich..")
                .check(CORE);
    }

    @Test
    void coreKnowsNoCliAndNoSimulator() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.promregator.cli..", "io.promregator.simulator..")
                .check(CORE);
    }
}
