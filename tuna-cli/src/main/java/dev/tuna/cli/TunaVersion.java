package dev.tuna.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code tuna --version}: the build's version and the JVM it runs on. */
final class TunaVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = TunaVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "tuna " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
