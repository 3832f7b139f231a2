package dev.lake.it.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy (an S3 API server over a local directory, jclouds' filesystem provider) as a separate
 * local process on 127.0.0.1 and a free port: the S3 backend where there is no Docker. Its jar
 * comes from Maven ({@code org.gaul:s3proxy:jar-with-dependencies}, copied to target/s3proxy by
 * the it-tests pom; the path arrives as system property {@code lake.it.s3proxyJar}). It honours
 * {@code If-None-Match: *} atomically, which lake's commits rely on.
 */
public final class S3ProxyProcess implements AutoCloseable {
  /** The fixed test credentials S3Proxy checks (AWS v2 or v4 signatures). */
  public static final String ACCESS_KEY = "lake-it-access";

  public static final String SECRET_KEY = "lake-it-secret";

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3ProxyProcess(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /**
   * Starts S3Proxy with its data under {@code workDir/data} and waits until it accepts
   * connections.
   */
  public static S3ProxyProcess start(Path workDir) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("lake.it.s3proxyJar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "S3Proxy jar not found at " + jar.toAbsolutePath()
              + " (the it-tests pom copies it there in generate-test-resources; run through Maven)");
    }
    Path data = Files.createDirectories(workDir.resolve("data"));
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path props = workDir.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
            ""));
    Path log = workDir.resolve("s3proxy.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--properties", props.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    S3ProxyProcess proxy = new S3ProxyProcess(p, endpoint, log);
    // Should the test JVM end without JUnit closing the store (System.exit, a crash in a
    // callback), the server still goes with it; SIGKILL of the test JVM is the only leak.
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "s3proxy-stop"));
    try {
      proxy.awaitListening(Duration.ofSeconds(90));
    } catch (RuntimeException | InterruptedException e) {
      proxy.close();
      throw e;
    }
    return proxy;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  private void awaitListening(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + " at start; see " + log + tail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("S3Proxy did not listen on " + endpoint + " within " + timeout + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
