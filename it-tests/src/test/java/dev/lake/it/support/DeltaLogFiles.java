package dev.lake.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Direct look at a table's {@code _delta_log/} directory, without any Delta library: on local
 * disk or, through Hadoop's file system with the lake's settings, on an object store.
 */
public final class DeltaLogFiles {
  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final org.apache.hadoop.fs.Path logDir;
  private final FileSystem fs;

  /** The log of a local table directory. */
  public DeltaLogFiles(Path tableDir) {
    this(tableDir.toAbsolutePath().toUri().toString(), localConf());
  }

  /**
   * The log of the table at {@code tablePath} (a Hadoop path such as {@code s3a://b/lake/t}),
   * read with {@code conf} (the lake's {@code storage().hadoopConf()}).
   */
  public DeltaLogFiles(String tablePath, Configuration conf) {
    this.logDir = new org.apache.hadoop.fs.Path(tablePath, "_delta_log");
    try {
      this.fs = logDir.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Configuration localConf() {
    Configuration c = new Configuration();
    c.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    return c;
  }

  public String dir() {
    return logDir.toString();
  }

  /** Names of every file in the log directory. */
  public List<String> fileNames() {
    try {
      return Arrays.stream(fs.listStatus(logDir)).map(st -> st.getPath().getName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Versions that have a {@code N.json} commit file, ascending. */
  public TreeSet<Long> commitVersions() {
    TreeSet<Long> out = new TreeSet<>();
    for (String n : fileNames()) {
      Matcher m = COMMIT.matcher(n);
      if (m.matches()) {
        out.add(Long.parseLong(m.group(1)));
      }
    }
    return out;
  }

  /** Files whose name marks them as temporary (lake's {@code .N.json.UUID.tmp}, Hadoop's {@code .crc}/{@code _tmp}). */
  public List<String> tempFiles() {
    return fileNames().stream().filter(n -> n.endsWith(".tmp") || n.startsWith(".") && !n.endsWith(".crc")).toList();
  }

  public org.apache.hadoop.fs.Path commitFile(long version) {
    return new org.apache.hadoop.fs.Path(logDir, String.format("%020d.json", version));
  }

  /** The actions of one commit, one JSON object per line; fails on a torn or malformed line. */
  public List<JsonNode> actions(long version) {
    org.apache.hadoop.fs.Path f = commitFile(version);
    try {
      String text;
      try (InputStream in = fs.open(f)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!text.endsWith("\n")) {
        throw new AssertionError(f + " does not end with a newline: torn write?");
      }
      List<JsonNode> out = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          out.add(JSON.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot read or parse " + f + ": " + e, e);
    }
  }

  /** The first action of the given kind ({@code protocol}, {@code metaData}, {@code commitInfo}) in a commit, or null. */
  public JsonNode action(long version, String kind) {
    for (JsonNode a : actions(version)) {
      if (a.has(kind)) {
        return a.get(kind);
      }
    }
    return null;
  }
}
