package io.wirehub.server.it.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What Maven Central asks of every published pom (name, description, url, licenses, scm,
 * developers), the BOM listing every published artifact at the build's version, and the LICENSE
 * and NOTICE files the jars carry. Read from the checkout's poms, so a module added without them
 * fails here rather than at upload.
 */
class ReleaseMetadataTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> PUBLISHED = List.of("files-common", "server", "testkit", "client");

    private static Element read(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static String child(Element element, String name) {
        for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static void assertCentralMetadata(Element pom, String what) {
        for (String required : List.of("url", "licenses", "scm", "developers")) {
            assertThat(child(pom, required)).as(what + " <" + required + ">").isNotBlank();
        }
        assertThat(child(pom, "licenses")).as(what + " license").contains("Apache-2.0");
    }

    @Test
    void theParentAndTheBomCarryWhatCentralRequires() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        assertCentralMetadata(parent, "parent");
        Element bom = read(ROOT.resolve("bom/pom.xml"));
        assertCentralMetadata(bom, "bom");
        assertThat(child(bom, "version")).as("the BOM's version is the build's").isEqualTo(child(parent, "version"));
        assertThat(child(bom, "dependencyManagement")).contains("wirehub-server", "wirehub-client", "wirehub-testkit",
                "wirehub-files-common");
    }

    @Test
    void everyPublishedModuleHasANameADescriptionAndAModuleName() throws Exception {
        for (String module : PUBLISHED) {
            Element pom = read(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(child(pom, "name")).as(module + " <name>").isNotBlank();
            assertThat(child(pom, "description")).as(module + " <description>").isNotBlank();
            assertThat(child(pom, "properties")).as(module + " Automatic-Module-Name").contains("io.wirehub.");
        }
    }

    @Test
    void theLicenseAndNoticeAreInTheCheckout() throws Exception {
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(ROOT.resolve("NOTICE"))).contains("Wirehub");
    }
}
