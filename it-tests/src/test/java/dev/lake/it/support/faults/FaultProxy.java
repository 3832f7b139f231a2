package dev.lake.it.support.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A fault-injecting HTTP/1.1 proxy for tests: it listens on 127.0.0.1 and a free port in front
 * of an S3 or Azure Blob emulator, forwards every request byte for byte (headers unchanged, so
 * the Host that AWS SigV4 signed arrives as signed; Azure's shared key signs the path, which is
 * unchanged too), and follows a script of {@link FaultRule}s: the first rule that matches a
 * request and has applications left decides its {@link Fault}.
 *
 * <p>HTTP details handled: keep-alive (many requests per client connection; each is forwarded
 * on a fresh backend connection, closed after its answer), {@code Transfer-Encoding: chunked}
 * bodies both ways (forwarded with their framing), {@code Expect: 100-continue} (the proxy says
 * "100 Continue" itself and forwards without the header; a fault answers before the body, and
 * then closes the connection, as a server may), HEAD and 204/304 answers without a body.
 *
 * <p>Every request is recorded ({@link #count}) so tests can assert how many attempts a client
 * made.
 */
public final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String backendHost;
  private final int backendPort;
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
      });
  private volatile boolean closed;

  private FaultProxy(ServerSocket server, URI backend) {
    this.server = server;
    this.backendHost = backend.getHost();
    this.backendPort = backend.getPort();
  }

  /** Starts a proxy in front of {@code backend} ({@code http://host:port}, any path ignored). */
  public static FaultProxy start(URI backend) throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FaultProxy p = new FaultProxy(s, backend);
    p.threads.execute(p::acceptLoop);
    return p;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * Adds a rule: the next {@code times} requests with {@code method} whose decoded path matches
   * {@code pathRegex} and whose decoded query contains each of {@code queryParts} get {@code fault}.
   */
  public FaultRule add(String method, String pathRegex, Fault fault, int times, String... queryParts) {
    FaultRule r = new FaultRule(method, Pattern.compile(pathRegex), queryParts, fault, times);
    rules.add(r);
    return r;
  }

  /** Removes every rule and forgets the recorded requests. */
  public void reset() {
    rules.clear();
    seen.clear();
  }

  /**
   * How many requests (faulted or not) had {@code method}, a decoded path matching
   * {@code pathRegex}, and a decoded query containing each of {@code queryParts}.
   */
  public int count(String method, String pathRegex, String... queryParts) {
    Pattern p = Pattern.compile(pathRegex);
    int n = 0;
    for (String s : seen) {
      int sp = s.indexOf(' ');
      int q = s.indexOf('?');
      String m = s.substring(0, sp);
      String path = q < 0 ? s.substring(sp + 1) : s.substring(sp + 1, q);
      String query = q < 0 ? "" : s.substring(q + 1);
      if (m.equals(method) && p.matcher(path).matches() && containsAll(query, queryParts)) {
        n++;
      }
    }
    return n;
  }

  /** Every request seen since the last reset, as "METHOD path?query" (decoded). */
  public List<String> seen() {
    return List.copyOf(seen);
  }

  private static boolean containsAll(String s, String[] parts) {
    for (String p : parts) {
      if (!s.contains(p)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("fault proxy: accept failed: " + e);
        }
        return;
      }
    }
  }

  /** One client connection: requests one after another until either side closes. */
  private void serve(Socket client) {
    try (client) {
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      while (!closed) {
        Message request = Message.read(in);
        if (request == null) {
          return;
        }
        if (!handle(request, in, out)) {
          return;
        }
      }
    } catch (SocketException | EOFException e) {
      // the client went away (or gave up after its timeout): nothing to answer
    } catch (IOException | RuntimeException e) {
      // A broken backend, or a rule's beforeFirst action that failed: the client sees its
      // connection dropped, and the reason is printed for the test's log.
      if (!closed) {
        System.err.println("fault proxy: " + e);
      }
    } finally {
      open.remove(client);
    }
  }

  /** Handles one request; false when the client connection must be closed afterwards. */
  private boolean handle(Message request, InputStream in, OutputStream out) throws IOException {
    String[] parts = request.startLine.split(" ", 3);
    String method = parts[0];
    String target = parts[1];
    int q = target.indexOf('?');
    String path = decode(q < 0 ? target : target.substring(0, q));
    String query = q < 0 ? "" : decode(target.substring(q + 1));
    seen.add(method + " " + path + (query.isEmpty() ? "" : "?" + query));
    boolean expectContinue = "100-continue".equalsIgnoreCase(request.header("Expect"));

    Fault fault = null;
    for (FaultRule r : rules) {
      if (r.matches(method, path, query) && r.take()) {
        fault = r.fault();
        break;
      }
    }
    if (fault instanceof Fault.Respond answer) {
      if (!expectContinue) {
        request.readBody(in, method);
      }
      writeAnswer(out, answer, method);
      // With the body unread (Expect) the connection cannot be reused; close it either way.
      return false;
    }
    if (expectContinue) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      request.removeHeader("Expect");
    }
    byte[] body = request.readBody(in, method);
    if (fault instanceof Fault.Delay d) {
      sleep(d.delay().toMillis());
    }
    byte[] responseHead;
    byte[] responseBody;
    try (Socket backend = new Socket()) {
      backend.connect(new InetSocketAddress(backendHost, backendPort), 5000);
      backend.setTcpNoDelay(true);
      OutputStream bo = backend.getOutputStream();
      bo.write(request.head());
      bo.write(body);
      bo.flush();
      InputStream bi = new BufferedInputStream(backend.getInputStream());
      Message answer = Message.read(bi);
      if (answer == null) {
        throw new EOFException("backend closed the connection without an answer to " + request.startLine);
      }
      responseBody = answer.readResponseBody(bi, method);
      responseHead = answer.head();
      if (answer.lengthUnknown) {
        // Body delimited by the close of the connection: the client's connection must close too.
        out.write(responseHead);
        out.write(responseBody);
        out.flush();
        return false;
      }
    }
    if (fault instanceof Fault.ForwardThenRespond ftr) {
      writeAnswer(out, ftr.answer(), method);
      return false;
    }
    if (fault instanceof Fault.CloseMidResponse) {
      // The whole head (a cut inside it would garble headers such as the ETag, which no real
      // network does without failing the request), then half of the body.
      out.write(responseHead);
      out.write(responseBody, 0, responseBody.length / 2);
      out.flush();
      return false;
    }
    out.write(responseHead);
    out.write(responseBody);
    out.flush();
    return true;
  }

  private static void writeAnswer(OutputStream out, Fault.Respond a, String method) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(a.status()).append(' ').append(a.reason()).append("\r\n");
    a.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(a.body().length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!"HEAD".equals(method)) {
      out.write(a.body());
    }
    out.flush();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** An HTTP/1.1 message head (start line and headers), kept as received. */
  private static final class Message {
    final String startLine;
    final List<String[]> headers;
    boolean lengthUnknown;

    private Message(String startLine, List<String[]> headers) {
      this.startLine = startLine;
      this.headers = headers;
    }

    /** The next message head on {@code in}, or null at a clean end of the stream. */
    static Message read(InputStream in) throws IOException {
      String start = line(in);
      while (start != null && start.isEmpty()) {
        start = line(in);
      }
      if (start == null) {
        return null;
      }
      List<String[]> headers = new ArrayList<>();
      for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
        int c = l.indexOf(':');
        headers.add(new String[] {l.substring(0, c), l.substring(c + 1).trim()});
      }
      return new Message(start, headers);
    }

    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    void removeHeader(String name) {
      headers.removeIf(h -> h[0].equalsIgnoreCase(name));
    }

    byte[] head() {
      StringBuilder b = new StringBuilder(startLine).append("\r\n");
      for (String[] h : headers) {
        b.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A request body, raw (chunked framing kept). */
    byte[] readBody(InputStream in, String method) throws IOException {
      String te = header("Transfer-Encoding");
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        return chunked(in);
      }
      String cl = header("Content-Length");
      return cl == null ? new byte[0] : in.readNBytes(Integer.parseInt(cl.trim()));
    }

    /** A response body, raw; for an answer without length, everything until the backend closes. */
    byte[] readResponseBody(InputStream in, String requestMethod) throws IOException {
      int status = Integer.parseInt(startLine.split(" ", 3)[1]);
      if ("HEAD".equals(requestMethod) || status == 204 || status == 304 || status / 100 == 1) {
        return new byte[0];
      }
      String te = header("Transfer-Encoding");
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        return chunked(in);
      }
      String cl = header("Content-Length");
      if (cl != null) {
        return in.readNBytes(Integer.parseInt(cl.trim()));
      }
      lengthUnknown = true;
      return in.readAllBytes();
    }

    private static byte[] chunked(InputStream in) throws IOException {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      while (true) {
        String size = line(in);
        if (size == null) {
          throw new EOFException("chunked body ended early");
        }
        raw.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int semi = size.indexOf(';');
        int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (n == 0) {
          // Trailers, then the empty line.
          for (String t = line(in); t != null; t = line(in)) {
            raw.write((t + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (t.isEmpty()) {
              break;
            }
          }
          return raw.toByteArray();
        }
        raw.write(in.readNBytes(n));
        raw.write(in.readNBytes(2));
      }
    }

    /** One CRLF-terminated line without the terminator, or null at end of stream. */
    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(128);
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          byte[] l = b.toByteArray();
          int len = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
          return new String(l, 0, len, StandardCharsets.ISO_8859_1);
        }
        b.write(c);
      }
      if (b.size() == 0) {
        return null;
      }
      throw new EOFException("connection closed in the middle of a line");
    }
  }
}
