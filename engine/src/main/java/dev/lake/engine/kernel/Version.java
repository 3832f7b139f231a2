package dev.lake.engine.kernel;

/** lake's version, read from the jar manifest (falls back to "dev" when run from classes). */
public final class Version {
  public static final String VERSION = detect();

  private Version() {}

  private static String detect() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
