# Sourced by ./nabla and .ci/run: sets JAVA_HOME to a JDK 25 or stops with a clear message.
# Keeps a JAVA_HOME that already points at JDK 25; otherwise looks where Debian and macOS keep JVMs.
nabla_jdk_version() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(nabla_jdk_version "$JAVA_HOME")" != "25" ]; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$candidate/bin/javac" ] && [ "$(nabla_jdk_version "$candidate")" = "25" ]; then
      JAVA_HOME="$candidate"; break
    fi
  done
  if [ -z "$JAVA_HOME" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    [ "$(nabla_jdk_version "$candidate")" = "25" ] && JAVA_HOME="$candidate"
  fi
  if [ -z "$JAVA_HOME" ]; then
    echo "error: Nabla needs a JDK 25; none found in JAVA_HOME or /usr/lib/jvm. Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
