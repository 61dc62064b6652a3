package io.wirehub.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The client module is an add-on to jnats that any application may use against any NATS server:
 * it must never need Wirehub's server (its tests start one; its code does not).
 */
class ClientArchitectureTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.wirehub.client");

    @Test
    void theClientNeverNeedsTheServer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.wirehub.server..", "io.wirehub.testkit..")
                .because("the client module works with any NATS server, and ships without Wirehub's").check(CLIENT);
    }
}
