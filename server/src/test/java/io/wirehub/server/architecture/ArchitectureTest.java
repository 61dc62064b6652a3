package io.wirehub.server.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The package rules of docs/architecture.md. Each rule is checked twice: on the compiled classes
 * (every reference counts: imports, fully qualified names, exceptions, annotations), and on the
 * import lines of the sources (an import the compiler drops as unused still fails). A rule
 * changes here and in docs/architecture.md together.
 */
class ArchitectureTest {
    private static final String SERVER = "io.wirehub.server";
    private static final Path SOURCES = Path.of("src/main/java/io/wirehub/server");
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVER);

    /**
     * Which of the server's packages a package may use, besides itself and its subpackages. The
     * JDK and libraries are not limited here (a few rules below limit them where it matters).
     */
    private record Rule(String pkg, List<String> mayUse, String because) {
        Rule(String pkg, String because, String... mayUse) {
            this(pkg, List.of(mayUse), because);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("subject", "subject syntax is a leaf everything may use"),
            new Rule("jetstream.store", "the message store keeps a stream's messages by sequence; it knows subjects"
                    + " only as strings to match, and nothing of clients, routing, JSON or interest", "subject"),
            new Rule("util", "a leaf everything may use"),
            new Rule("stats", "the counters and snapshots every part writes: a leaf, so none of them cycles"),
            new Rule("protocol", "the codec is bytes in, operations out: fed and tested without the server"),
            new Rule("config", "config is read before anything runs; only subject syntax is shared, so a bad"
                    + " permission is reported at its file:line", "subject"),
            new Rule("routing", "routing delivers to MessageSinks and never sees a connection or a socket",
                    "protocol", "subject", "stats"),
            new Rule("transport", "a transport moves bytes; what they mean is decided above it",
                    "config", "util", "stats"),
            new Rule("auth", "authentication decides on credentials, never on connection internals",
                    "config", "protocol", "subject", "util"),
            new Rule("jetstream", "JetStream's API, streams and stores are services on routing's internal client;"
                    + " they never see a connection or a socket (jetstream.api: JSON in, JSON out)",
                    "config", "routing", "protocol", "stats", "subject", "util"),
            new Rule("leaf", "leaf-node links carry interest and messages through routing's interfaces (RemoteSink,"
                    + " InterestListener), the protocol's LeafWire codec, transport's client TLS and auth's nkeys and"
                    + " authenticators; they know no client connection", "account", "auth", "config", "protocol", "routing", "stats", "subject", "transport",
                    "util"),
            new Rule("account", "accounts route among themselves through routing's interfaces; they know no"
                    + " connection or socket", "config", "routing", "protocol", "stats", "subject"),
            new Rule("monitor", "monitoring renders copies; nothing it holds can change the server",
                    "stats", "config", "subject"),
            new Rule("system", "the system account's internal client answers requests and publishes events through"
                    + " routing and the monitor's documents, like any internal service", "account", "config", "monitor",
                    "protocol", "routing", "stats", "subject", "util"),
            new Rule("connection", "a connection works on any Transport; listeners, monitoring and services"
                    + " are wired elsewhere", "account", "auth", "config", "protocol", "routing", "stats", "subject",
                    "transport", "util"),
            new Rule("listen", "listeners are wired from the parts below; nothing below knows them",
                    "config", "connection", "monitor", "protocol", "stats", "transport"),
            new Rule("lifecycle", "start, stop and the monitored view of a running server",
                    "account", "auth", "config", "connection", "listen", "monitor", "protocol", "routing",
                    "stats", "transport"));

    private static String pkg(String name) {
        return SERVER + "." + name + "..";
    }

    @TestFactory
    Stream<DynamicTest> everyPackageUsesOnlyWhatItsRuleAllows() {
        return RULES.stream().flatMap(rule -> Stream.of(
                DynamicTest.dynamicTest(rule.pkg() + " (classes)", () -> checkClasses(rule)),
                DynamicTest.dynamicTest(rule.pkg() + " (imports)", () -> checkImports(rule))));
    }

    private static void checkClasses(Rule rule) {
        List<String> allowed = new ArrayList<>(rule.mayUse().stream().map(ArchitectureTest::pkg).toList());
        allowed.add(pkg(rule.pkg()));
        classes().that().resideInAPackage(pkg(rule.pkg())).should()
                .onlyDependOnClassesThat(resideOutsideOfPackage(SERVER + "..")
                        .or(resideInAnyPackage(allowed.toArray(String[]::new))))
                .because(rule.because()).check(CLASSES);
    }

    /** The imported package below the server's: "subject", or "transport.tls" for a subpackage. */
    private static final Pattern SERVER_IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?io\\.wirehub\\.server\\.((?:[a-z0-9_]+\\.)*[a-z0-9_]+)(?=\\.[A-Z*])",
            Pattern.MULTILINE);

    /** Whether a rule's package (and so its subpackages) takes in {@code used}. */
    private static boolean covers(String rulePackage, String used) {
        return used.equals(rulePackage) || used.startsWith(rulePackage + ".");
    }

    private static void checkImports(Rule rule) throws IOException {
        Path dir = SOURCES.resolve(rule.pkg().replace('.', '/'));
        assertThat(dir).as("sources of " + rule.pkg()).isDirectory();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher imports = SERVER_IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String used = imports.group(1);
                    if (!covers(rule.pkg(), used) && rule.mayUse().stream().noneMatch(may -> covers(may, used))) {
                        wrong.add(SOURCES.relativize(file) + " imports " + SERVER + "." + used);
                    }
                }
            }
        }
        assertThat(wrong).as("%s may use only %s, because %s", rule.pkg(), rule.mayUse(), rule.because())
                .isEmpty();
    }

    @Test
    void everyPackageHasARule() throws IOException {
        List<String> packages;
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        // A rule may be for a subpackage ("jetstream.store"): its top-level package then has its rule.
        assertThat(packages).as("a new package needs its rule here and in docs/architecture.md")
                .containsExactlyInAnyOrderElementsOf(RULES.stream().map(rule -> rule.pkg().split("\\.")[0])
                        .distinct().toList());
    }

    @Test
    void leavesDependOnTheJdkOnly() {
        for (String leaf : new String[] {"subject", "util", "stats"}) {
            classes().that().resideInAPackage(pkg(leaf)).should()
                    .onlyDependOnClassesThat(resideInAnyPackage("java..", pkg(leaf)))
                    .because(leaf + " is a leaf: it brings no library with it").check(CLASSES);
        }
    }

    @Test
    void theMessageStoreUsesOnlyTheJdkSlf4jAndSubjects() {
        classes().that().resideInAPackage(pkg("jetstream.store")).should()
                .onlyDependOnClassesThat(resideInAnyPackage("java..", "org.slf4j..", pkg("jetstream.store"),
                        pkg("subject")))
                .because("the store is storage only: no JSON, no library beyond logging").check(CLASSES);
    }

    @Test
    void theParserAndEncoderKnowNoSocketsAndNoThreads() {
        noClasses().that().resideInAPackage(pkg("protocol")).should().dependOnClassesThat()
                .resideInAnyPackage("java.net..", "java.nio.channels..", "java.util.concurrent..")
                .because("the codec does no I/O and starts no thread").check(CLASSES);
    }

    @Test
    void connectionsUseTransportsThroughTheirInterfacesOnly() {
        noClasses().that().resideInAPackage(pkg("connection")).should().dependOnClassesThat(
                        resideInAnyPackage(pkg("transport.tls"), pkg("transport.websocket"))
                                .or(JavaClass.Predicates.simpleNameEndingWith("Listener")
                                        .and(resideInAPackage(pkg("transport")))))
                .because("TLS and WebSocket set-up and the listeners are wired in listen, not in connection")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnThePublicEntryPoints() {
        noClasses().that().resideOutsideOfPackage(SERVER).should()
                .dependOnClassesThat(resideInAPackage(SERVER))
                .because("the root package holds the entry points (Wirehub, Version), which wire everything")
                .check(CLASSES);
    }

    @Test
    void theRootPackageHoldsOnlyPublicEntryPoints() {
        classes().that().resideInAPackage(SERVER).and().areTopLevelClasses()
                .and(not(JavaClass.Predicates.simpleName("package-info"))).should().bePublic()
                .because("helpers belong in a package named for their job").check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(SERVER + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Each package has one rule, and a rule names only packages that have theirs. */
    @Test
    void rulesNameEachPackageOnce() {
        List<String> names = RULES.stream().map(Rule::pkg).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(RULES).allSatisfy(rule -> assertThat(rule.mayUse()).isSubsetOf(names));
    }
}
