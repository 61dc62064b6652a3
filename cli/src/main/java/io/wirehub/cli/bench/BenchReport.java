package io.wirehub.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Renders a {@link BenchResult} as {@code nats bench} prints it, or as JSON. */
public final class BenchReport {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private BenchReport() {
    }

    public static String text(BenchResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s on \"%s\", %d byte payloads%n", result.load(), result.subject(),
                result.size()));
        for (String role : List.of("pub", "sub", "req", "connect")) {
            List<ClientRate> clients = result.role(role);
            if (clients.isEmpty()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%s stats: %,.0f msgs/sec ~ %.2f MB/sec%n", title(role),
                    result.aggregateRate(role), result.aggregateMegabytes(role)));
            if (clients.size() > 1) {
                for (ClientRate client : clients) {
                    out.append(String.format(Locale.ROOT, " [%d] %,.0f msgs/sec ~ %.2f MB/sec (%,d msgs)%n",
                            client.client(), client.messagesPerSecond(), client.megabytesPerSecond(), client.messages()));
                }
                double[] rates = clients.stream().mapToDouble(ClientRate::messagesPerSecond).toArray();
                double mean = java.util.Arrays.stream(rates).average().orElse(0);
                double stddev = Math.sqrt(java.util.Arrays.stream(rates).map(r -> (r - mean) * (r - mean)).average()
                        .orElse(0));
                out.append(String.format(Locale.ROOT, " min %,.0f | avg %,.0f | max %,.0f | stddev %,.0f msgs%n",
                        java.util.Arrays.stream(rates).min().orElse(0), mean,
                        java.util.Arrays.stream(rates).max().orElse(0), stddev));
            }
        }
        Histogram latencies = result.latencies();
        if (latencies != null && latencies.getTotalCount() > 0) {
            out.append(String.format(Locale.ROOT, "Latency (µs) over %,d: ", latencies.getTotalCount()));
            for (double p : PERCENTILES) {
                out.append(String.format(Locale.ROOT, "p%s %,d | ", trim(p), latencies.getValueAtPercentile(p)));
            }
            out.append(String.format(Locale.ROOT, "max %,d%n", latencies.getMaxValue()));
        }
        return out.toString();
    }

    public static String json(BenchResult result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("load", result.load()).put("subject", result.subject())
                .put("size", result.size());
        for (String role : List.of("pub", "sub", "req", "connect")) {
            List<ClientRate> clients = result.role(role);
            if (clients.isEmpty()) {
                continue;
            }
            ObjectNode node = root.putObject(role).put("msgs_per_sec", result.aggregateRate(role))
                    .put("mb_per_sec", result.aggregateMegabytes(role))
                    .put("msgs", clients.stream().mapToLong(ClientRate::messages).sum());
            ArrayNode each = node.putArray("clients");
            for (ClientRate client : clients) {
                each.addObject().put("client", client.client()).put("msgs", client.messages())
                        .put("msgs_per_sec", client.messagesPerSecond()).put("mb_per_sec", client.megabytesPerSecond());
            }
        }
        Histogram latencies = result.latencies();
        if (latencies != null && latencies.getTotalCount() > 0) {
            ObjectNode node = root.putObject("latency_us").put("count", latencies.getTotalCount());
            for (double p : PERCENTILES) {
                node.put("p" + trim(p), latencies.getValueAtPercentile(p));
            }
            node.put("max", latencies.getMaxValue()).put("mean", latencies.getMean());
        }
        return root.toPrettyString() + System.lineSeparator();
    }

    /**
     * One row per client, in the columns nats bench's {@code --csv} writes ({@code #RunID,
     * ClientID, MsgCount, MsgBytes, MsgsPerSec, BytesPerSec, DurationSecs}), so scripts that read
     * those files read these. Client ids are the role's letter and the client's number from 0:
     * S (subscribers), P (publishers), R (requesters), C (connecting clients).
     */
    public static String csv(BenchResult result, String runId) {
        StringBuilder out = new StringBuilder("#RunID,ClientID,MsgCount,MsgBytes,MsgsPerSec,BytesPerSec,DurationSecs\n");
        for (String role : List.of("sub", "pub", "req", "connect")) {
            String prefix = switch (role) {
                case "sub" -> "S";
                case "pub" -> "P";
                case "req" -> "R";
                default -> "C";
            };
            for (ClientRate client : result.role(role)) {
                out.append(runId).append(',').append(prefix).append(client.client() - 1).append(',')
                        .append(client.messages()).append(',').append(client.bytes()).append(',')
                        .append((long) client.messagesPerSecond()).append(',')
                        .append(String.format(Locale.ROOT, "%f", client.nanos() <= 0 ? 0.0
                                : client.bytes() / (client.nanos() / 1e9))).append(',')
                        .append(String.format(Locale.ROOT, "%f", client.nanos() / 1e9)).append('\n');
            }
        }
        return out.toString();
    }

    private static String title(String role) {
        return switch (role) {
            case "pub" -> "Pub";
            case "sub" -> "Sub";
            case "req" -> "Req";
            default -> "Connect";
        };
    }

    static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
