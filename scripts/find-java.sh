# Sourced by ./wirehub, ./run-tests and .ci/run: sets WIREHUB_JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, then the newest JDK under /usr/lib/jvm (the system's JVM directory;
# WIREHUB_JVM_DIR names another), then the java on PATH. Prints why and returns 1 when none of them is 21+.
# Reads each JDK's `release` file rather than starting a JVM, so the launcher stays fast.

wirehub_java_feature() {
    # Prints the feature release (17, 21, 25...) of the JDK home given, or nothing.
    if [ -r "$1/release" ]; then
        sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' "$1/release" | head -n 1
    else
        "$1/bin/java" -XshowSettings:properties -version 2>&1 |
            sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
    fi
}

wirehub_find_java() {
    # $1 = "jdk" (needs javac, to build) or "runtime" (java is enough).
    WIREHUB_JAVA_HOME=
    wirehub_seen=
    wirehub_path_java=$(command -v java 2>/dev/null) &&
        wirehub_path_java=$(dirname "$(dirname "$(readlink -f "$wirehub_path_java")")")
    wirehub_jvm_dir=${WIREHUB_JVM_DIR:-/usr/lib/jvm}
    for candidate in "${JAVA_HOME:-}" $(ls -d "$wirehub_jvm_dir"/*/ 2>/dev/null | sort -V -r) "${wirehub_path_java:-}"; do
        candidate=${candidate%/}
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        feature=$(wirehub_java_feature "$candidate")
        wirehub_seen="$wirehub_seen $candidate (${feature:-unknown})"
        if [ -n "$feature" ] && [ "$feature" -ge 21 ] &&
                { [ "${1:-jdk}" = runtime ] || [ -x "$candidate/bin/javac" ]; }; then
            WIREHUB_JAVA_HOME=$candidate
            export WIREHUB_JAVA_HOME
            return 0
        fi
    done
    echo "wirehub: needs a JDK 21 or newer and found none." >&2
    echo "wirehub: looked at JAVA_HOME, $wirehub_jvm_dir and PATH:${wirehub_seen:- nothing there}" >&2
    echo "wirehub: install one (apt-get install openjdk-21-jdk-headless) or point JAVA_HOME at it." >&2
    return 1
}
