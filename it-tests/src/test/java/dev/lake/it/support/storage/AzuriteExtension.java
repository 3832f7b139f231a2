package dev.lake.it.support.storage;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the run-wide {@link AzuriteEmulator} into test, lifecycle and constructor parameters:
 * started on first use, stopped when the test run ends.
 */
public final class AzuriteExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == AzuriteEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return AzuriteEmulator.shared(context);
  }
}
