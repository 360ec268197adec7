# Sourced by ./tuna, ./test and .ci/run: points JAVA_HOME at a JDK 25 or explains how to get one.
tuna_find_jdk25() {
  local candidate
  for candidate in "${TUNA_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-openjdk* /usr/lib/jvm/jdk-25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "tuna: JDK 25 or newer is needed. Install Temurin 25 (or another JDK 25) and set JAVA_HOME or TUNA_JAVA_HOME to it." >&2
  return 1
}
