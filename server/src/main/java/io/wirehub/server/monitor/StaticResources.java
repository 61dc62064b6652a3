package io.wirehub.server.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's files, served from the jar: the page, its script and style, and Chart.js from
 * its WebJar. A fixed table of paths, so no request names a resource of its choosing.
 */
final class StaticResources {
    private static final String BASE = "/io/wirehub/server/monitor/dashboard/";
    private static final String CHART_JS_POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    /** A file to serve: where it is on the class path and its content type. */
    record Resource(String classPath, String contentType) {
    }

    private static final Map<String, Resource> RESOURCES = Map.of(
            "/", new Resource(BASE + "index.html", "text/html; charset=utf-8"),
            "/static/dashboard.js", new Resource(BASE + "dashboard.js", "text/javascript; charset=utf-8"),
            "/static/dashboard.css", new Resource(BASE + "dashboard.css", "text/css; charset=utf-8"),
            "/static/chart.umd.min.js", new Resource("/META-INF/resources/webjars/chart.js/" + chartJsVersion()
                    + "/dist/chart.umd.min.js", "text/javascript; charset=utf-8"));

    private StaticResources() {
    }

    static boolean has(String path) {
        return RESOURCES.containsKey(path);
    }

    static Iterable<String> paths() {
        return RESOURCES.keySet();
    }

    static Response load(String path) {
        Resource resource = RESOURCES.get(path);
        try (InputStream in = StaticResources.class.getResourceAsStream(resource.classPath())) {
            if (in == null) {
                return Response.text(500, "dashboard resource missing from the jar: " + resource.classPath() + "\n");
            }
            return new Response(200, resource.contentType(), in.readAllBytes(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WebJar's version, read from its own metadata so a dependency upgrade needs no code change. */
    private static String chartJsVersion() {
        try (InputStream in = StaticResources.class.getResourceAsStream(CHART_JS_POM)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
