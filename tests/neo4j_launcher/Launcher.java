// A throwaway Neo4j Community server for newsgraph's tests and benchmarks.
//
// Run as a single-file program on the classpath that pom.xml resolves (tests/neo4j_server.py does it):
//   java -cp CLASSPATH Launcher.java HOME PASSWORD [PORT]
// Starts embedded Neo4j in HOME with only its Bolt connector, on 127.0.0.1:PORT (0 or absent: any free
// port), auth enabled and the `neo4j` user's password set to PASSWORD. Prints one line
//   NEO4J_READY bolt://127.0.0.1:<port>
// when Bolt accepts logins, then serves until its standard input closes or it gets SIGTERM, and shuts
// the databases down cleanly (so HOME can be imported into, started again, or removed).

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Launcher {
    public static void main(String[] args) {
        try {
            serve(args);
        } catch (Throwable e) {
            // Never hang half-started: the caller waits for the ready line or our exit.
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
    }

    static void serve(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java -cp CLASSPATH Launcher.java HOME PASSWORD [PORT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String password = args[1];
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 0;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Tests try wrong passwords on purpose; no lock-out after them.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // A test server on a shared machine: a small page cache, no pre-allocated files.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }));

        // Set the password the way `neo4j-admin dbms set-initial-password` would, before anyone logs in.
        // A home started before (a restart, or after neo4j-admin import) has it already.
        GraphDatabaseService system = dbms.database("system");
        boolean mustChange = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' RETURN passwordChangeRequired",
                Map.of(), result -> result.hasNext() && (Boolean) result.next().get("passwordChangeRequired"));
        if (mustChange) {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        }

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database("neo4j");
        var bolt = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + bolt.getPort());
        System.out.flush();

        // Serve until stdin closes (the parent died or closed it) or a signal runs the shutdown hook.
        InputStream in = System.in;
        while (in.read() != -1) {
            // anything written to stdin is ignored
        }
        System.exit(0);
    }
}
