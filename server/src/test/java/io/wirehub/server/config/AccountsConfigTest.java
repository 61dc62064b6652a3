package io.wirehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** accounts {}, mappings, system_account: read as nats-server reads them, and refused as it refuses them. */
class AccountsConfigTest {
    @TempDir
    Path dir;

    private ServerConfig load(String text) throws IOException {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, text);
        return ConfigFileLoader.load(file).builder().build();
    }

    private List<String> problems(String text) throws IOException {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, text);
        try {
            ConfigFileLoader.load(file).builder().build();
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.replace(file.toString(), "FILE")).toList();
        }
    }

    /** allow_trace (message tracing, nats-server 2.11) on exports and imports is accepted and has no effect. */
    @Test
    void readsAccountsWithUsersExportsImportsMappingsAndLimits() throws IOException {
        ServerConfig config = load("""
                accounts {
                  A: {
                    users: [ {user: a, password: pa} ]
                    exports: [
                      {stream: "orders.>", allow_trace: true}
                      {service: "svc.time", response: stream, threshold: "5s", accounts: [B], allow_trace: true}
                    ]
                    limits: { max_connections: 2, max_subs: 10, max_payload: 512 }
                  }
                  B: {
                    users: [ {user: b, password: pb} ]
                    imports: [
                      {stream: {account: A, subject: "orders.>"}, prefix: "from_a", allow_trace: true}
                      {service: {account: A, subject: "svc.time"}, to: "time", allow_trace: false}
                    ]
                    mappings: { "old.*": "new.$1" }
                  }
                }
                mappings: { "g.a": [ {destination: "g.b", weight: 40%}, {destination: "g.c", weight: 60} ] }
                system_account: A
                """);
        AccountsConfig accounts = config.accounts();
        assertThat(accounts.accounts()).extracting(AccountConfig::name).containsExactly("A", "B");
        assertThat(accounts.systemAccount()).isEqualTo("A");
        AccountConfig a = accounts.find("A").orElseThrow();
        assertThat(a.limits()).isEqualTo(new AccountLimitsConfig(2, 10, 512));
        assertThat(a.exports()).hasSize(2);
        ExportConfig service = a.exports().get(1);
        assertThat(service.kind()).isEqualTo(ExportConfig.Kind.SERVICE);
        assertThat(service.responseType()).isEqualTo(ExportConfig.ResponseType.STREAM);
        assertThat(service.responseThreshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(service.accounts()).containsExactly("B");
        AccountConfig b = accounts.find("B").orElseThrow();
        assertThat(b.imports()).extracting(ImportConfig::localSubject).containsExactly("from_a.orders.>", "time");
        assertThat(b.mappings()).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo("old.*");
            assertThat(m.destinations()).containsExactly(new MappingConfig.Destination("new.$1", 100));
        });
        assertThat(accounts.globalMappings()).singleElement().satisfies(m -> assertThat(m.destinations())
                .containsExactly(new MappingConfig.Destination("g.b", 40), new MappingConfig.Destination("g.c", 60)));
        assertThat(config.authorization().users()).extracting(UserConfig::name, UserConfig::account)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "A"), org.assertj.core.groups.Tuple.tuple("b", "B"));
        assertThat(config.authorization().required()).isTrue();
    }

    @Test
    void usersOfTheAuthorizationBlockStayInTheGlobalAccountWhicheverComesFirst() throws IOException {
        ServerConfig config = load("""
                accounts { A: { users: [ {user: a, password: pa} ] } }
                authorization { users: [ {user: g, password: pg} ] }
                no_auth_user: a
                """);
        assertThat(config.authorization().users()).extracting(UserConfig::name, UserConfig::account)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("g", AccountConfig.GLOBAL),
                        org.assertj.core.groups.Tuple.tuple("a", "A"));
        assertThat(config.authorization().noAuthUser()).isEqualTo("a");
    }

    @Test
    void theListFormNamesAccountsOnly() throws IOException {
        assertThat(load("accounts: [A, B]\n").accounts().accounts()).extracting(AccountConfig::name)
                .containsExactly("A", "B");
    }

    @Test
    void importsMustNameDefinedAccountsAndAllowedExportsAtTheirLine() throws IOException {
        assertThat(problems("""
                accounts {
                  A: { exports: [ {stream: "public.>"}, {service: "private.svc", accounts: [C]} ] }
                  B: {
                    imports: [
                      {stream: {account: A, subject: "secret.>"}}
                      {service: {account: A, subject: "private.svc"}}
                      {stream: {account: Nope, subject: "x"}}
                      {stream: {account: A, subject: "public.x"}, prefix: "p.*"}
                    ]
                  }
                  C: { }
                }
                """)).containsExactlyInAnyOrder(
                "FILE:5: Error adding stream import \"secret.>\": stream import not authorized",
                "FILE:6: Error adding service import \"private.svc\": service import not authorized",
                "FILE:7: \"Nope\" account not defined for stream import",
                "FILE:8: Error adding stream import \"public.x\": stream import prefix can not contain wildcard tokens");
    }

    @Test
    void anImportCycleIsRefusedAtItsLine() throws IOException {
        assertThat(problems("""
                accounts {
                  A: {
                    exports: [ {service: "req.>"} ]
                    imports: [ {service: {account: B, subject: "req.b"}, to: "req.a"} ]
                  }
                  B: {
                    exports: [ {service: "req.>"} ]
                    imports: [ {service: {account: A, subject: "req.a"}, to: "req.b"} ]
                  }
                }
                """)).anySatisfy(p -> assertThat(p).matches("FILE:(4|8): Error adding service import \"req\\.[ab]\": "
                + "import forms a cycle"));
    }

    @Test
    void reservedAndDuplicateNamesAndUsersAreRefused() throws IOException {
        assertThat(problems("accounts { $G: { }, A: { }, A: { } }\n"))
                .contains("FILE:1: \"$G\" is a Reserved Account");
        assertThat(problems("""
                accounts {
                  A: { users: [ {user: u, password: x} ] }
                  B: { users: [ {user: u, password: y} ] }
                }
                """)).containsExactly("FILE:1: user \"u\" is in the users list twice");
    }

    @Test
    void badMappingsAndExportsGetNatsServersWords() throws IOException {
        assertThat(problems("""
                mappings: { "a": [ {destination: "b", weight: 120} ], "c": [ {destination: "d"} ] }
                accounts { A: { exports: [ {stream: "s", response: stream} ] } }
                """)).contains("FILE:1: Invalid weight 120 for mapping destination",
                "FILE:1: Missing weight for mapping destination \"d\"",
                "FILE:2: Detected response directive on non-service");
    }

    @Test
    void aSystemAccountMustExist() throws IOException {
        assertThat(problems("system_account: NOPE\n"))
                .singleElement().asString().contains("error resolving system account");
        assertThat(load("accounts { S: {} }\nsystem_account: S\n").accounts().systemAccount()).isEqualTo("S");
        assertThat(load("no_system_account: true\n").accounts().noSystemAccount()).isTrue();
    }

    @Test
    void aMappingTheTransformRefusesIsAConfigErrorAtItsLine() throws IOException {
        assertThat(problems("""
                mappings: {
                  "a.*": "b.{{wildcard(2)}}"
                }
                """)).singleElement().asString().startsWith("FILE:2: Error adding mapping for \"a.*\" to \"b.{{wildcard(2)}}\" : ");
    }
}
