package fraudrings.neo4jlocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs a Neo4j 5 Community DBMS in this JVM (via neo4j-harness) for local development and CI.
 *
 * <p>Unlike the harness defaults (random temp dir, auth off, random ports) it keeps its data under
 * {@code <home>/data} so it survives restarts, listens on fixed ports on 127.0.0.1 and requires
 * authentication as user {@code neo4j}. GDS and APOC are loaded from the plugin directory.
 *
 * <p>Environment: NEO4J_PORT (bolt, 7687), NEO4J_HTTP_PORT (7474, "0" disables HTTP),
 * NEO4J_PASSWORD (fraud-rings-dev), NEO4J_PAGECACHE (512m), NEO4J_LOCAL_HOME (.neo4j),
 * NEO4J_LOCAL_PLUGINS (the plugins/ folder beside this jar), NEO4J_LOCAL_BROWSER_DIR (the guide and
 * style Browser loads on connect; none when unset).
 *
 * <p>Writes its pid to {@code <home>/neo4j.pid}, prints {@code NEO4J_READY bolt://127.0.0.1:<port>}
 * on stdout once it accepts connections and shuts down cleanly on SIGTERM/SIGINT.
 */
public final class Neo4jLocal {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "neo4j";
    private static final Pattern HARNESS_RUN_DIR = Pattern.compile("[0-9a-f]{32}");

    private Neo4jLocal() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("NEO4J_LOCAL_HOME", ".neo4j")).toAbsolutePath().normalize();
        Path plugins = Path.of(env("NEO4J_LOCAL_PLUGINS", defaultPluginDir().toString()))
                .toAbsolutePath()
                .normalize();
        int boltPort = port("NEO4J_PORT", 7687);
        int httpPort = port("NEO4J_HTTP_PORT", 7474);
        String password = env("NEO4J_PASSWORD", "fraud-rings-dev");
        long pageCache = ByteUnit.parse(env("NEO4J_PAGECACHE", "512m"));

        if (password.length() < 8) {
            fail("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum password length)");
        }
        Files.createDirectories(home);

        // One instance per home: the lock is released by the OS when this process exits, however it exits.
        FileChannel lockChannel = FileChannel.open(
                home.resolve("neo4j-local.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            fail("another Neo4j is already running on " + home);
        }
        // Written only by the process that holds the lock, so a second, failing start never
        // overwrites or removes the pid of the running one.
        Path pidFile = home.resolve("neo4j.pid");
        String pid = Long.toString(ProcessHandle.current().pid());
        Files.writeString(pidFile, pid + "\n");

        // The harness wants a scratch folder of its own (named by a random md5) for its user log;
        // it deletes it on a clean stop. Remove those left behind by a killed process.
        Path runDir = home.resolve("run");
        Files.createDirectories(runDir);
        deleteStaleRunDirs(runDir);

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(runDir)
                // Everything else (data, transaction logs, debug.log) lives under the persistent home.
                .withConfig(GraphDatabaseSettings.neo4j_home, home)
                .withConfig(GraphDatabaseSettings.data_directory, home.resolve("data"))
                .withConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*", "apoc.*"))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(HttpsConnector.enabled, false)
                // Netty waits a 5 s "quiet period" per event loop group on shutdown; the stores are
                // already checkpointed and closed by then, so a short one is enough here.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1);
        if (httpPort > 0) {
            builder = builder.withConfig(HttpConnector.enabled, true)
                    .withConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                    .withConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort));
            String browserDir = env("NEO4J_LOCAL_BROWSER_DIR", "");
            if (!browserDir.isEmpty()) {
                builder = withBrowserFiles(builder, Path.of(browserDir).toAbsolutePath().normalize(), httpPort);
            }
        } else {
            builder = builder.withConfig(HttpConnector.enabled, false);
        }

        log("starting Neo4j in " + home + " (plugins: " + plugins + ")");
        long t0 = System.nanoTime();
        Neo4j neo4j;
        try {
            neo4j = builder.build();
        } catch (RuntimeException | Error e) {
            Files.deleteIfExists(pidFile);
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping Neo4j");
            try {
                neo4j.close();
                log("stopped");
            } catch (RuntimeException e) {
                log("error while stopping: " + e);
            } finally {
                try {
                    if (Files.readString(pidFile).trim().equals(pid)) {
                        Files.delete(pidFile);
                    }
                } catch (IOException ignored) {
                    // already gone
                }
                stopped.countDown();
                try {
                    lock.release();
                    lockChannel.close();
                } catch (IOException ignored) {
                    // the OS drops the lock on exit anyway
                }
            }
        }, "neo4j-local-shutdown"));

        log("DBMS started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        setPassword(neo4j, password);
        reportPlugins(neo4j.defaultDatabaseService());

        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (httpPort > 0) {
            log("HTTP API and Neo4j Browser on http://" + HOST + ":" + neo4j.httpURI().getPort() + "/browser/");
        }
        log("started in " + ms + " ms; user " + USER + ", password from NEO4J_PASSWORD");
        System.out.println("NEO4J_READY bolt://" + HOST + ":" + neo4j.boltURI().getPort());
        System.out.flush();

        stopped.await();
    }

    /**
     * Serves the project's guide and style (queries/browser) at /fraud-rings/ and has Browser load
     * them: on connect it applies the style and opens the guide ({@code browser.post_connect_cmd}),
     * and it may fetch them from this host ({@code browser.remote_content_hostname_whitelist},
     * the name Neo4j 5 still reads). The files need no login, like Browser itself.
     */
    private static Neo4jBuilder withBrowserFiles(Neo4jBuilder builder, Path folder, int httpPort) {
        BrowserFiles.serveFrom(folder);
        String base = "http://" + HOST + ":" + httpPort + BrowserFiles.MOUNT;
        log("Browser guide and style from " + folder + " at " + base + "/");
        return builder.withUnmanagedExtension(BrowserFiles.MOUNT, BrowserFiles.class)
                .withConfig(ServerSettings.http_auth_allowlist, List.of("/", "/browser.*", BrowserFiles.MOUNT + "/.*"))
                .withConfig(ServerSettings.browser_remote_content_hostname_whitelist, "guides.neo4j.com,localhost," + HOST)
                .withConfig(ServerSettings.browser_post_connect_cmd, "style " + base + "/style.grass; guide " + base + "/guide.html");
    }

    /**
     * Sets the password of user neo4j and clears its "change required" flag, through the embedded
     * API (which runs with full rights). Runs on every start so that NEO4J_PASSWORD is authoritative.
     */
    private static void setPassword(Neo4j neo4j, String password) {
        GraphDatabaseService system =
                neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            log("password of user " + USER + " set");
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the value it already has: nothing to do then.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static void reportPlugins(GraphDatabaseService db) {
        for (String fn : List.of("gds.version()", "apoc.version()")) {
            try {
                Object version = db.executeTransactionally("RETURN " + fn + " AS v", Map.of(), r -> r.next()
                        .get("v"));
                log(fn + " = " + version);
            } catch (RuntimeException e) {
                log("WARNING: " + fn + " is not available: " + e.getMessage());
            }
        }
    }

    private static void deleteStaleRunDirs(Path runDir) throws IOException {
        try (Stream<Path> entries = Files.list(runDir)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                if (Files.isDirectory(dir) && HARNESS_RUN_DIR.matcher(dir.getFileName().toString()).matches()) {
                    try (Stream<Path> tree = Files.walk(dir)) {
                        tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                            try {
                                Files.delete(p);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                }
            }
        }
    }

    private static Path defaultPluginDir() throws URISyntaxException {
        // <target>/neo4j-local.jar (or <target>/classes when run from an IDE) -> <target>/plugins
        Path self = Path.of(Neo4jLocal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return self.getParent().resolve("plugins");
    }

    private static int port(String name, int fallback) {
        String raw = env(name, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(raw.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            fail(name + " is not a port number: " + raw);
            return -1;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void log(String message) {
        System.out.println("[neo4j-local] " + message);
        System.out.flush();
    }

    private static void fail(String message) {
        System.out.println("NEO4J_FAILED " + message);
        System.out.flush();
        System.exit(2);
    }
}
