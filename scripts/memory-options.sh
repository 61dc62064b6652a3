# Sourced by the launchers (./wirehub, and bin/wirehub in the distribution) for `serve`; POSIX sh,
# no forks. Sets memory_opts: the JVM options that decide how much memory the server may take and
# how soon it gives memory back (docs/footprint.md has the measurements behind each choice).
#
# The limit, as nats-server's GOMEMLIMIT habit: `serve --memory-limit SIZE`, else
# WIREHUB_MEMORY_LIMIT, else GOMEMLIMIT ("off" for none). SIZE is bytes with an optional suffix:
# KiB, MiB, GiB, TiB (as Go writes them) or k, m, g, t (as the JVM does; both powers of 1024).
# It covers the heap and the JVM's other pools together: 70% heap, 10% direct buffers, the rest
# for class metadata, compiled code and thread stacks.
#
# Without a limit the heap is the JVM's default (a quarter of the machine), and the same
# give-back policy applies: an idle server runs a collection every 15 s and returns what it
# freed, so memory taken by a burst (500,000 subscriptions) goes back within a minute.

memory_opts="-XX:G1PeriodicGCInterval=15000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
memory_limit=${WIREHUB_MEMORY_LIMIT:-${GOMEMLIMIT:-}}
memory_previous=
for memory_arg in "$@"; do
    case "$memory_previous" in
        --memory-limit|--memory_limit) memory_limit=$memory_arg ;;
    esac
    case "$memory_arg" in
        --memory-limit=*|--memory_limit=*) memory_limit=${memory_arg#*=} ;;
    esac
    memory_previous=$memory_arg
done

# The size in $1 in MiB (memory_mib), left empty when it is not a size. Whole MiB keep the shell's
# 64-bit arithmetic far from overflow.
memory_in_mib() {
    memory_mib=
    memory_number=${1%%[!0-9]*}
    memory_suffix=${1#"$memory_number"}
    [ -n "$memory_number" ] && [ ${#memory_number} -le 18 ] || return 0
    case "$memory_suffix" in
        GiB|g|G|gb|GB|TiB|t|T|tb|TB) [ ${#memory_number} -le 10 ] || return 0 ;;
    esac
    case "$memory_suffix" in
        ""|B) memory_mib=$((memory_number / 1048576)) ;;
        KiB|k|K|kb|KB) memory_mib=$((memory_number / 1024)) ;;
        MiB|m|M|mb|MB) memory_mib=$memory_number ;;
        GiB|g|G|gb|GB) memory_mib=$((memory_number * 1024)) ;;
        TiB|t|T|tb|TB) memory_mib=$((memory_number * 1048576)) ;;
    esac
}

case "$memory_limit" in
    ""|off) ;;
    *)
        memory_in_mib "$memory_limit"
        if [ -z "$memory_mib" ]; then
            echo "wirehub: memory limit \"$memory_limit\" is not a size: give bytes or a size such as 512MiB or 2GiB" >&2
            exit 2
        fi
        if [ "$memory_mib" -lt 64 ]; then
            echo "wirehub: memory limit \"$memory_limit\" is too small to run the server: give at least 64MiB" >&2
            exit 2
        fi
        memory_opts="$memory_opts -Xmx$((memory_mib * 7 / 10))m -XX:MaxDirectMemorySize=$((memory_mib / 10))m"
        memory_code=$((memory_mib / 20)); memory_code=$((memory_code < 16 ? 16 : memory_code > 240 ? 240 : memory_code))
        memory_meta=$((memory_mib / 10)); memory_meta=$((memory_meta < 64 ? 64 : memory_meta > 256 ? 256 : memory_meta))
        memory_opts="$memory_opts -XX:ReservedCodeCacheSize=${memory_code}m -XX:MaxMetaspaceSize=${memory_meta}m"
        ;;
esac
