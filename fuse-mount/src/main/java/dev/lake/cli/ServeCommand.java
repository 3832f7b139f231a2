package dev.lake.cli;

import dev.lake.engine.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lake serve LOCATION --port N}: an Avatica HTTP server (protobuf) in front of the lake,
 * for JDBC clients on other machines: {@code
 * jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a lake to remote JDBC clients (Avatica HTTP, protobuf). Clients connect with",
      "jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf (user/password with BASIC auth)."
    })
final class ServeCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "LOCATION", description = "The lake; default: the local default lake.")
  String location;

  @Option(names = "--port", defaultValue = "8765", description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (0.0.0.0: all). Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--user", description = "Require HTTP BASIC authentication as this user.")
  String user;

  @Option(names = "--password", description = "The password for --user (or env LAKE_SERVE_PASSWORD).")
  String password;

  private HttpServer server;
  private final CountDownLatch started = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    start();
    System.err.println("lake: serving " + lakeLocation() + " at " + url());
    System.err.println("lake: connect with jdbc:avatica:remote:url=" + url() + ";serialization=protobuf"
        + (user == null ? "" : " (user " + user + ")"));
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    server.join();
    return 0;
  }

  @picocli.CommandLine.Mixin StorageOptions storage = new StorageOptions();

  /** Starts the server (for tests and for {@link #call()}). */
  void start() throws Exception {
    String jdbcUrl = "jdbc:lake:" + lakeLocation() + storage.urlQuery();
    JdbcMeta meta = new JdbcMeta(jdbcUrl, new Properties());
    HttpServer.Builder<Server> builder =
        new HttpServer.Builder<Server>()
            .withHandler(new LocalService(meta), Driver.Serialization.PROTOBUF)
            .withPort(port)
            .withServerCustomizers(List.of(bindTo(host)), Server.class);
    if (user != null) {
      String pw = password != null ? password : System.getenv("LAKE_SERVE_PASSWORD");
      if (pw == null || pw.isEmpty()) {
        throw new InvalidInputException("--user needs a password (--password or LAKE_SERVE_PASSWORD)");
      }
      builder.withBasicAuthentication(realmFile(user, pw).toString(), new String[] {"lake"});
    }
    server = builder.build();
    server.start();
    started.countDown();
  }

  /** The port the server listens on (useful with --port 0). */
  int port() {
    return server.getPort();
  }

  String url() {
    return "http://" + host + ":" + server.getPort();
  }

  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private String lakeLocation() {
    if (location == null) {
      DefaultLake.open();
      return DefaultLake.location().toString();
    }
    return location.contains("://") || location.startsWith("file:") ? location : Path.of(location).toAbsolutePath().toString();
  }

  /** Listen only where asked (Avatica binds every interface by default). */
  private static ServerCustomizer<Server> bindTo(String host) {
    return server -> {
      for (Connector c : server.getConnectors()) {
        if (c instanceof ServerConnector sc) {
          sc.setHost(host);
        }
      }
    };
  }

  /** A Jetty realm file with the one user, readable only by us, deleted on exit. */
  private static Path realmFile(String user, String password) {
    try {
      Path f = Files.createTempFile("lake-serve-", ".realm", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      f.toFile().deleteOnExit();
      Files.writeString(f, user + ": " + password + ",lake\n");
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
