package dev.lake.it.support.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link FaultProxy} does to a request a {@link FaultRule} matched. Each kind models one
 * failure a real object store or network shows: an error answer without touching the backend,
 * an answer lost after the backend applied the request, a connection cut mid-response, or a
 * server that does not answer in time.
 */
public sealed interface Fault {
  /** Answer {@code status} with this body and these headers; the backend never sees the request. */
  record Respond(int status, String reason, Map<String, String> headers, byte[] body) implements Fault {}

  /** Forward the request (the backend applies it), drop its answer and send this one instead. */
  record ForwardThenRespond(Respond answer) implements Fault {}

  /** Forward the request, send the backend's answer head and half its body, then close the connection. */
  record CloseMidResponse() implements Fault {}

  /** Wait this long before forwarding (longer than the client's timeout: it gives up first). */
  record Delay(Duration delay) implements Fault {}

  /** S3's throttling answer: 503 SlowDown with its XML error body. */
  static Respond s3SlowDown() {
    return s3Error(503, "Slow Down", "SlowDown", "Please reduce your request rate.");
  }

  /** S3's internal error: 500 InternalError with its XML error body. */
  static Respond s3InternalError() {
    return s3Error(500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again.");
  }

  /** An S3 error answer in S3's XML format. */
  static Respond s3Error(int status, String reason, String code, String message) {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>lake-fault-proxy</RequestId></Error>";
    return new Respond(status, reason, Map.of("Content-Type", "application/xml"), xml.getBytes(StandardCharsets.UTF_8));
  }

  /** Azure's throttling answer: 503 ServerBusy (header {@code x-ms-error-code} and XML body). */
  static Respond azureServerBusy() {
    return azureError(503, "Server Busy", "ServerBusy", "The server is currently unable to receive requests. Please retry your request.");
  }

  /** Azure's internal error: 500 InternalError. */
  static Respond azureInternalError() {
    return azureError(500, "Internal Server Error", "InternalError", "The server encountered an internal error. Please retry the request.");
  }

  /** An Azure Storage error answer in the service's format. */
  static Respond azureError(int status, String reason, String code, String message) {
    String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message></Error>";
    return new Respond(
        status, reason, Map.of("Content-Type", "application/xml", "x-ms-error-code", code),
        xml.getBytes(StandardCharsets.UTF_8));
  }
}
