package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** errors.log records a read failure once while it lasts, and again once it came back. */
class ErrorLogTest {
  private final ErrorLog log = new ErrorLog();

  private String text() {
    return new String(log.text("t"), StandardCharsets.UTF_8);
  }

  @Test
  void aRepeatedReadFailureIsRecordedOnce() {
    for (int i = 0; i < 5; i++) {
      log.recordRead("t", "/t/data.csv", new FsError(Errno.EIO, "data file " + i + " is missing"));
    }
    assertThat(text().lines()).hasSize(1).first().asString().contains("read /t/data.csv EIO: data file 0 is missing");
  }

  @Test
  void alternatingFailuresOfTwoFilesAreEachRecordedOnce() {
    for (int i = 0; i < 4; i++) {
      log.recordRead("t", "/t/data.csv", new FsError(Errno.EIO, "a"));
      log.recordRead("t", "/t/versions/3.csv", new FsError(Errno.EIO, "b"));
    }
    assertThat(text().lines()).hasSize(2);
  }

  @Test
  void aFailureAfterASuccessfulReadIsRecordedAgain() {
    log.recordRead("t", "/t/data.csv", new FsError(Errno.EIO, "first"));
    log.readSucceeded("t", "/t/versions/3.csv"); // another file: no effect
    log.recordRead("t", "/t/data.csv", new FsError(Errno.EIO, "still"));
    log.readSucceeded("t", "/t/data.csv");
    log.recordRead("t", "/t/data.csv", new FsError(Errno.EIO, "again"));
    assertThat(text().lines()).hasSize(2);
    assertThat(text()).contains("first").doesNotContain("still").contains("again");
  }

  @Test
  void anotherErrnoOfTheSameReadIsRecorded() {
    log.recordRead("t", "/t/data.csv", new FsError(Errno.EIO, "io"));
    log.recordRead("t", "/t/data.csv", new FsError(Errno.EACCES, "denied"));
    assertThat(text().lines()).hasSize(2);
  }
}
