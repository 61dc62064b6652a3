package io.wirehub.server.config;

import io.wirehub.server.config.ConfigFileKeys.Bound;
import io.wirehub.server.config.ConfigFileKeys.KeyRule;
import io.wirehub.server.config.ConfigFileKeys.Refused;
import io.wirehub.server.config.ConfigValidator.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a config file in the NATS format and applies it to a {@link ServerConfig.Builder}.
 *
 * <p>Every problem is found in one pass and reported together in a {@link ConfigException}, each
 * as {@code file:line: message}: syntax errors (each ends parsing of its file), missing variables,
 * failed includes, unknown or unsupported keys, values of the wrong type, and values out of range.
 * The file must be valid on its own; command-line flags are applied afterwards.
 *
 * <p>Where Wirehub deliberately differs from nats-server 2.10 when reading a file:
 * <ul>
 *   <li>unquoted {@code $2b$}, {@code $2x$} and {@code $2y$} bcrypt hashes are literals, like
 *       {@code $2a$} (nats-server takes them for variables);</li>
 *   <li>include cycles are reported (nats-server recurses until it crashes); a syntax error in
 *       an included file, a failed include or a missing variable does not stop the rest;</li>
 *   <li>range rules such as the port range and {@code max_payload <= max_pending} are checked
 *       here, where nats-server checks them only when starting (not with {@code -t});</li>
 *   <li>{@code lame_duck_duration} has no 30-second minimum; it must only be positive and
 *       longer than {@code lame_duck_grace_period};</li>
 *   <li>{@code disable_short_first_ping} is Wirehub's own key;</li>
 *   <li>an unquoted number right before {@code ]} is a number (nats-server reads the last
 *       element of {@code [1, 2]} as the string "2"), and a key with nothing after its
 *       separator is an error rather than an empty string.</li>
 * </ul>
 */
public final class ConfigFileLoader {

    private ConfigFileLoader() {
    }

    /** Loads {@code file}, with {@code $VAR} falling back to the process environment. */
    public static LoadedConfigFile load(Path file) {
        return load(file, VariableLookup.environment());
    }

    /**
     * Loads {@code file}, with {@code $VAR} falling back to {@code environment}.
     *
     * @throws ConfigException listing every problem found
     */
    public static LoadedConfigFile load(Path file, VariableLookup environment) {
        ConfigFileParser.Result parsed = ConfigFileParser.parse(file, environment);
        Binding binding = new Binding();
        binding.problems.addAll(parsed.problems());
        if (parsed.root().entries().isEmpty() && parsed.problems().isEmpty()) {
            binding.warnings.add(file + ": config has no values or is empty");
        }
        for (ConfigEntry entry : parsed.root().entries().values()) {
            binding.apply(entry);
        }
        // Range rules are checked only on a fully read file: a value lost to a syntax error
        // would otherwise show up as a second, misleading problem.
        if (parsed.problems().isEmpty()) {
            binding.checkRules();
        }
        if (!binding.problems.isEmpty()) {
            throw new ConfigException(binding.problems);
        }
        return new LoadedConfigFile(binding.builder, binding.warnings);
    }

    /** The state of one load: the builder being filled and what was found along the way. */
    private static final class Binding {
        private final ServerConfig.Builder builder = ServerConfig.builder();
        private final List<String> problems = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** Where the file set each setting, for violations of the validator's rules. */
        private final Map<String, SourcePosition> settingPositions = new HashMap<>();

        void apply(ConfigEntry entry) {
            KeyRule rule = ConfigFileKeys.rule(entry.key());
            switch (rule) {
                case null -> {
                    // nats-server keeps quiet about a key that only holds a value for $references.
                    if (!entry.referencedAsVariable()) {
                        problems.add(entry.position().problem("unknown field \"" + entry.key() + "\""));
                    }
                }
                case Refused refused -> problems.add(entry.position().problem(refused.problem(entry.key())));
                case Bound bound -> bind(entry, bound);
            }
        }

        private void bind(ConfigEntry entry, Bound bound) {
            try {
                bound.binder().bind(entry, builder, warnings::add);
                bound.settings().forEach(setting -> settingPositions.put(setting, entry.position()));
            } catch (BlockProblems e) {
                problems.addAll(e.problems());
            } catch (InvalidValueException e) {
                problems.add(entry.position().problem(e.getMessage()));
            }
        }

        void checkRules() {
            for (Violation violation : ConfigValidator.violations(builder.buildUnchecked())) {
                SourcePosition where = violation.settings().stream()
                        .map(settingPositions::get)
                        .filter(position -> position != null)
                        .findFirst()
                        .orElse(null);
                problems.add(where == null ? violation.message() : where.problem(violation.message()));
            }
        }
    }
}
