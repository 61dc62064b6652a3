#!/bin/sh
# make-dist.sh: writes dist/wirehub-VERSION.tar.gz, a Wirehub that runs without a JDK, Maven or a
# source checkout (`./wirehub dist` runs this). The tarball's top directory wirehub-VERSION/ holds:
#   bin/wirehub                the launcher (scripts/dist/wirehub), with the start-up tricks
#   runtime/                   a Java runtime made by jlink with the modules the jars use
#   lib/                       the jars; lib/wirehub-serve.aot, what `serve` loads, recorded here
#   libexec/bind-listeners.pl  binds the ports before the JVM starts
#   etc/wirehub.conf           a sample configuration
#   systemd/                   wirehub.socket and wirehub.service (socket activation)
#   share/man/man1/            man pages, from picocli's model of the commands
#   share/bash-completion/completions/wirehub   completion for bash and zsh, by picocli
#   LICENSE, NOTICE, README
#
#   scripts/make-dist.sh [--output DIR] [--image]     (default output: dist/ in the checkout)
# --image also writes wirehub-VERSION-image.tar, an OCI image of the same tree built by Jib
# (scripts/dist/image/pom.xml; needs Maven and, the first time, Maven Central for the plugin).
# Environment: JAVA_HOME (the JDK 21+ to link the runtime from), WIREHUB_NO_BUILD=1 (package what
# cli/target holds instead of building it with Maven).
set -e
home=$(cd "$(dirname "$0")/.." && pwd)
target="$home/cli/target"
output="$home/dist"
image=
while [ $# -gt 0 ]; do
    case "$1" in
        --output) output=${2:?--output needs a directory}; shift 2 ;;
        --output=*) output=${1#--output=}; shift ;;
        --image) image=1; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "wirehub dist: unknown argument $1 (--output DIR, --image)" >&2; exit 2 ;;
    esac
done
say() { echo "wirehub dist: $*" >&2; }

. "$home/scripts/find-java.sh"
wirehub_find_java jdk || { say "a distribution is linked from a JDK 21 or newer (jlink, jdeps); none found"; exit 1; }
jdk=$WIREHUB_JAVA_HOME
for tool in jlink jdeps; do
    [ -x "$jdk/bin/$tool" ] || { say "$jdk has no bin/$tool: install a full JDK 21+ (apt-get install openjdk-21-jdk-headless)"; exit 1; }
done
feature=$(wirehub_java_feature "$jdk")

if [ "${WIREHUB_NO_BUILD:-}" != 1 ]; then
    command -v mvn >/dev/null 2>&1 || { say "building needs Maven (apt-get install maven)"; exit 1; }
    say "building the jars..."
    (cd "$home" && JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}" \
        mvn -q -B -Dmaven.test.skip=true -pl cli -am package >&2) || { say "build failed"; exit 1; }
fi
for built in wirehub-cli.jar lib serve-lib dist-tools/picocli-codegen.jar; do
    [ -e "$target/$built" ] || { say "cli/target/$built is missing: build first (mvn -pl cli -am package)"; exit 1; }
done
version=$(sed -n 's/^version=//p' "$target/maven-archiver/pom.properties" 2>/dev/null)
[ -n "$version" ] || version=$(sed -n '/<parent>/,/<\/parent>/!s/^  <version>\(.*\)<\/version>/\1/p' "$home/pom.xml" | head -n 1)
[ -n "$version" ] || { say "cannot tell the version (cli/target/maven-archiver/pom.properties)"; exit 1; }

name="wirehub-$version"
mkdir -p "$output"
output=$(cd "$output" && pwd)
work="$output/.$name.work"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
dir="$work/$name"
mkdir -p "$dir/bin" "$dir/lib" "$dir/libexec" "$dir/etc" "$dir/systemd" "$dir/share/man/man1" \
    "$dir/share/bash-completion/completions"

# The jars: every one in lib/; serve's class path lists the ones serve needs.
cp "$target/wirehub-cli.jar" "$target"/lib/*.jar "$dir/lib/"
serve_classpath="\$lib/wirehub-cli.jar"
for jar in "$target"/serve-lib/*.jar; do
    serve_classpath="$serve_classpath:\$lib/${jar##*/}"
done

# The runtime: the modules the jars use (jdeps), linked from this JDK (from its jmods, or from its
# own run-time image where it has none, as Temurin 24+ does).
say "linking the runtime from $jdk (Java $feature)..."
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$feature" --recursive \
    --class-path "$target/lib/*" "$target/wirehub-cli.jar" 2>/dev/null | tail -n 1)
case "$modules" in
    java.base*) ;;
    *) say "jdeps could not list the modules; taking the known list"
       modules=java.base,java.desktop,java.naming,java.sql,jdk.httpserver,jdk.management,jdk.net,jdk.unsupported ;;
esac
# The DNS resolver and elliptic-curve TLS keys are found by service lookup, which jdeps cannot see.
for extra in jdk.naming.dns jdk.crypto.ec; do
    if "$jdk/bin/java" --list-modules 2>/dev/null | grep -q "^$extra@"; then
        modules="$modules,$extra"
    fi
done
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$dir/runtime" >/dev/null
java="$dir/runtime/bin/java"

# The launcher, with its class path and version written in.
sed -e "s|@SERVE_CLASSPATH@|$serve_classpath|" -e "s|@VERSION@|$version|" "$home/scripts/dist/wirehub" > "$dir/bin/wirehub"
chmod 755 "$dir/bin/wirehub"
cp "$home/scripts/bind-listeners.pl" "$dir/libexec/"
cp "$home/scripts/dist/wirehub.conf" "$dir/etc/"
cp "$home/scripts/dist/wirehub.socket" "$home/scripts/dist/wirehub.service" "$dir/systemd/"
cp "$home/LICENSE" "$home/NOTICE" "$dir/"
cp "$home/scripts/dist/README" "$dir/README"

# One modification time for every file (1970-01-01 00:00:01, as Jib gives the image's files): the
# JVM accepts the start-up archive only for jars with the times it recorded, in the tarball and in
# the image alike.
find "$dir" -exec touch -h -d @1 {} +

# What `serve` loads, recorded on the bundled runtime with the launcher's own options and class
# path (StartupTraining: a short real serve), so each start maps it instead of loading again.
lib="$dir/lib"
serve_cp=$(eval "echo \"$serve_classpath\"")
opens="--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED"
if [ "${feature:-0}" -ge 25 ]; then
    archive="-XX:AOTCacheOutput=$lib/wirehub-serve.aot -Xlog:aot=off"
else
    archive="-XX:ArchiveClassesAtExit=$lib/wirehub-serve.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
say "recording what serve loads..."
# shellcheck disable=SC2086
"$java" $archive $opens -cp "$serve_cp" io.wirehub.cli.StartupTraining >/dev/null 2>&1 \
    || say "(recording the start-up archive failed; starts will be slower)"

# Shell completion (bash, and zsh through bashcompinit), from picocli's model of the commands.
"$java" -cp "$lib/*" picocli.AutoComplete --force -n wirehub \
    -o "$dir/share/bash-completion/completions/wirehub" io.wirehub.cli.WirehubCommand >/dev/null

# Man pages: picocli-codegen writes AsciiDoc for each command; Asciidoctor makes roff of it.
adoc="$work/man-adoc"
"$java" -cp "$lib/*:$target/dist-tools/picocli-codegen.jar" picocli.codegen.docgen.manpage.ManPageGenerator \
    --exit -d "$adoc" io.wirehub.cli.WirehubCommand >/dev/null
if ! command -v asciidoctor >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing asciidoctor for the man pages..."
    apt-get install -y -q asciidoctor >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q asciidoctor >/dev/null 2>&1; } || true
fi
if command -v asciidoctor >/dev/null 2>&1; then
    asciidoctor -b manpage -D "$dir/share/man/man1" "$adoc"/*.adoc
else
    say "asciidoctor is not installed (apt-get install asciidoctor): the man pages ship as AsciiDoc in share/doc/wirehub/man"
    mkdir -p "$dir/share/doc/wirehub/man"
    cp "$adoc"/*.adoc "$dir/share/doc/wirehub/man/"
    rmdir "$dir/share/man/man1" "$dir/share/man"
fi
rm -rf "$adoc"

if [ -n "$image" ]; then
    # The image's file system: the distribution at /opt/wirehub, and the glibc its runtime links
    # against (the base is scratch; no registry is reached). Only the headless libraries count:
    # java.desktop's AWT ones are never loaded by the server.
    command -v mvn >/dev/null 2>&1 || { say "the image is built by Jib through Maven (apt-get install maven)"; exit 1; }
    root="$work/image-root"
    mkdir -p "$root/opt" "$root/var/lib/wirehub"
    cp -a "$dir" "$root/opt/wirehub"
    for elf in bin/java lib/libjli.so lib/server/libjvm.so lib/libjava.so lib/libnet.so lib/libnio.so lib/libzip.so \
            lib/libextnet.so lib/libmanagement.so lib/libmanagement_ext.so lib/libverify.so lib/libjimage.so; do
        [ -f "$dir/runtime/$elf" ] && ldd "$dir/runtime/$elf"
    done | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u |
        while read -r library; do
            case "$library" in "$dir"/*) continue ;; esac
            mkdir -p "$root${library%/*}"
            cp -L "$library" "$root$library"
        done
    [ -f "$root/lib64/ld-linux-x86-64.so.2" ] || { say "the image needs glibc's /lib64/ld-linux-x86-64.so.2 (x86-64 Linux)"; exit 1; }
    image_classpath=$(lib=/opt/wirehub/lib; eval "echo \"$serve_classpath\"")
    if [ -f "$dir/lib/wirehub-serve.aot" ]; then
        set -- -Dwirehub.image.archive=-XX:AOTCache=/opt/wirehub/lib/wirehub-serve.aot -Dwirehub.image.archive.log=-Xlog:aot=off
    else
        set -- -Dwirehub.image.archive=-XX:SharedArchiveFile=/opt/wirehub/lib/wirehub-serve.jsa -Dwirehub.image.archive.log=-Xlog:cds=off
    fi
    say "building the OCI image with Jib..."
    mkdir -p "$work/image-build/classes"     # the project has no code; Jib still looks for it
    JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}" mvn -q -B \
        -f "$home/scripts/dist/image/pom.xml" package -Dwirehub.version="$version" -Dwirehub.image.root="$root" \
        -Dwirehub.image.tar="$output/$name-image.tar" -Dwirehub.image.work="$work/image-build" \
        -Dwirehub.image.classpath="$image_classpath" "$@" >&2 || { say "building the image failed"; exit 1; }
    rm -rf "$root"
    say "wrote $output/$name-image.tar"
fi

tarball="$output/$name.tar.gz"
tar -C "$work" --owner=0 --group=0 --numeric-owner -czf "$tarball.part" "$name"
mv "$tarball.part" "$tarball"
say "wrote $tarball ($(du -h "$tarball" | cut -f1))"
echo "$tarball"
