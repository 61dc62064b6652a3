package io.wirehub.cli;

/**
 * Names of the serve flags that decide where the client port is bound. Shared by
 * {@link ServeCommand}'s options, {@link ServeArguments} and {@link EarlyBind}'s pre-scan, so they
 * cannot drift apart. (The launcher's scripts/bind-listeners.pl has its own list, which
 * BindListenersScriptTest checks against ServeCommand.)
 */
final class ServeFlags {
    static final String ADDR_SHORT = "-a";
    static final String ADDR_LONG = "--addr";
    static final String ADDR_GO = "-addr";
    static final String NET_LONG = "--net";
    static final String NET_GO = "-net";
    static final String PORT_SHORT = "-p";
    static final String PORT_LONG = "--port";
    static final String PORT_GO = "-port";
    static final String CONFIG_SHORT = "-c";
    static final String CONFIG_LONG = "--config";
    static final String CONFIG_GO = "-config";

    private ServeFlags() {
    }
}
