/**
 * Storage backends for the end-to-end suites: the same test code runs on local disk, S3 and
 * (next) Azure.
 *
 * <ul>
 *   <li>{@link dev.lake.it.storage.BackendTest} marks a test that runs once per backend and takes
 *       a {@link dev.lake.it.storage.StorageEndpoint}: {@code newLakeLocation(label)} for a fresh
 *       lake, {@code open(location)}, {@code jdbcUrl(location)}, {@code cliOptions()},
 *       {@code withOptions(location)} (the form worker processes take).
 *   <li>{@link dev.lake.it.storage.StorageBackends} (the JUnit 5 extension) starts each backend
 *       once per test run, on first use, keeps it in the root store and stops it when the run
 *       ends; it prints the number of scenarios run per backend.
 *   <li>Adding a backend is one class implementing {@link dev.lake.it.storage.Backend} (start its
 *       server on 127.0.0.1 and a free port under the given work directory; return an endpoint
 *       whose {@code options()} carry endpoint and credentials and whose {@code close()} stops the
 *       server), listed in {@link dev.lake.it.storage.Backends#ALL}. For Azure: an
 *       {@code AzureBackend} that starts Azurite (Testcontainers where Docker exists, the
 *       {@code AzuriteEmulator} process otherwise) and hands out {@code abfs://} locations.
 *   <li>{@code -Dlake.it.backends=local,s3} selects backends (default: all).
 * </ul>
 */
package dev.lake.it.storage;
