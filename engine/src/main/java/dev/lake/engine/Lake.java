package dev.lake.engine;

import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.storage.Locations;
import dev.lake.engine.storage.Storage;
import dev.lake.engine.txn.TableCreator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A lake: a location (local directory, S3 or Azure prefix) whose sub-directories holding a
 * {@code _delta_log/} are tables. The entry point of the engine.
 *
 * <pre>{@code
 * try (Lake lake = Lake.open("/data/lake")) {
 *   Table t = lake.createTable("people", TableDefinition.of(TypeParser.parseColumns("id BIGINT, name STRING"))
 *       .withPrimaryKey("id"));
 *   t.insert(List.of(new Object[] {1L, "Ada"}));
 * }
 * }</pre>
 *
 * One {@code Lake} per location per process is enough: it is thread-safe and shares one Kernel
 * engine among all its tables.
 */
public final class Lake implements AutoCloseable {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

  private final String location;
  private final Storage storage;
  private final KernelContext ctx;

  private Lake(String location, Storage storage) {
    this.location = location;
    this.storage = storage;
    this.ctx = new KernelContext(storage);
  }

  /** Opens the lake at {@code location}; a missing local directory is created. */
  public static Lake open(String location) {
    return open(location, Map.of());
  }

  /** Opens the lake at {@code location} with backend options (endpoint, credentials, ...). */
  public static Lake open(String location, Map<String, String> options) {
    return new Lake(location, Locations.open(location, options));
  }

  /**
   * Opens the lake that holds the table at {@code tableLocation} (its parent directory) and
   * returns the table's name in it.
   */
  public static Map.Entry<Lake, String> openTableLocation(String tableLocation) {
    return openTableLocation(tableLocation, Map.of());
  }

  /**
   * Opens the lake that holds the table at {@code tableLocation} with backend options: the
   * parent directory of a local path, or the parent prefix of a URL-style location
   * ({@code s3://bucket/lake/table} is table {@code table} of lake {@code s3://bucket/lake}).
   */
  public static Map.Entry<Lake, String> openTableLocation(String tableLocation, Map<String, String> options) {
    String scheme = Locations.scheme(tableLocation);
    if (!scheme.isEmpty() && !scheme.equals("file")) {
      String trimmed = tableLocation.replaceAll("/+$", "");
      int slash = trimmed.lastIndexOf('/');
      if (slash < 0 || trimmed.lastIndexOf("://") + 2 >= slash) {
        throw new InvalidInputException(
            "not a table location: " + tableLocation + " (expected " + scheme + "://.../LAKE/TABLE)");
      }
      return Map.entry(open(trimmed.substring(0, slash), options), trimmed.substring(slash + 1));
    }
    Path p = Path.of(stripFileScheme(tableLocation)).toAbsolutePath().normalize();
    if (p.getParent() == null || p.getFileName() == null) {
      throw new InvalidInputException("not a table location: " + tableLocation);
    }
    return Map.entry(open(p.getParent().toString(), options), p.getFileName().toString());
  }

  private static String stripFileScheme(String location) {
    if (location.startsWith("file://")) {
      return location.substring("file://".length());
    }
    return location.startsWith("file:") ? location.substring("file:".length()) : location;
  }

  /** The location string the lake was opened with. */
  public String location() {
    return location;
  }

  /** Names of the tables, sorted. */
  public List<String> tableNames() {
    try {
      return storage.listTables();
    } catch (IOException e) {
      throw new StorageException("cannot list tables of " + location + ": " + e.getMessage(), e);
    }
  }

  /** True when a table of this name exists. */
  public boolean tableExists(String name) {
    try {
      return TABLE_NAME.matcher(name).matches() && storage.isTable(name);
    } catch (IOException e) {
      throw new StorageException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * The table called {@code name}.
   *
   * @throws NotFoundException if there is none
   */
  public Table table(String name) {
    if (!tableExists(name)) {
      throw new NotFoundException("no table '" + name + "' in " + location + tableList());
    }
    return tables.computeIfAbsent(name, n -> new Table(ctx, n, storage.tablePath(n), storage));
  }

  /** Table objects are shared so their snapshot caches serve every user of this lake. */
  private final java.util.Map<String, Table> tables = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Creates a table (version 0 of its log).
   *
   * @throws AlreadyExistsException if a table or other file of that name exists
   */
  public Table createTable(String name, TableDefinition definition) {
    return createTable(name, definition, null);
  }

  /**
   * Creates a table and loads {@code source}'s rows into it, all in one commit (version 0): if
   * any row is bad, no table is created. Rows stream through; memory stays bounded (a primary
   * key's uniqueness check keeps the keys seen).
   *
   * @param source rows in column order, or null for an empty table
   * @throws AlreadyExistsException if a table or other file of that name exists
   */
  public Table createTable(String name, TableDefinition definition, Iterator<Object[]> source) {
    requireValidName(name);
    try {
      if (storage.exists(name)) {
        throw new AlreadyExistsException("table '" + name + "' already exists in " + location);
      }
    } catch (IOException e) {
      throw new StorageException("cannot read " + location + ": " + e.getMessage(), e);
    }
    String path = storage.tablePath(name);
    tables.remove(name);
    TableCreator.create(ctx, name, path, definition, source);
    return table(name);
  }

  /**
   * Drops a table: its log and data files are deleted. Other engines reading it at that moment
   * may fail; there is no undo.
   *
   * @throws NotFoundException if there is no such table
   */
  public void dropTable(String name) {
    table(name);
    tables.remove(name);
    try {
      storage.deleteTable(name);
    } catch (IOException e) {
      throw new StorageException("cannot drop table '" + name + "': " + e.getMessage(), e);
    }
  }

  /** Renames a table (its directory). Delta logs hold relative paths, so the table stays whole. */
  public Table renameTable(String from, String to) {
    table(from);
    requireValidName(to);
    try {
      if (storage.exists(to)) {
        throw new AlreadyExistsException("cannot rename '" + from + "' to '" + to + "': '" + to + "' already exists");
      }
      tables.remove(from);
      tables.remove(to);
      storage.renameTable(from, to);
    } catch (IOException e) {
      throw new StorageException("cannot rename table '" + from + "' to '" + to + "': " + e.getMessage(), e);
    }
    return table(to);
  }

  /** The storage behind this lake. */
  public Storage storage() {
    return storage;
  }

  /** Releases the storage's clients (S3: its HTTP connection pool); the lake is unusable after. */
  @Override
  public void close() {
    storage.close();
  }

  private String tableList() {
    List<String> names = tableNames();
    return names.isEmpty() ? " (it has no tables)" : " (tables: " + String.join(", ", names) + ")";
  }

  private static void requireValidName(String name) {
    if (name == null || !TABLE_NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "invalid table name '" + name + "': use letters, digits, '_', '-' and '.', starting with a letter or digit");
    }
  }
}
