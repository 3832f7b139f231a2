package dev.lake.it.storage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per storage backend ({@link Backends#selected()}), with the backend's
 * {@link StorageEndpoint} as a parameter:
 *
 * <pre>{@code
 * @BackendTest
 * void insertAndRead(StorageEndpoint storage) {
 *   try (Lake lake = storage.open(storage.newLakeLocation("orders"))) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(StorageBackends.class)
public @interface BackendTest {}
