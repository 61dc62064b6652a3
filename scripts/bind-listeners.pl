#!/usr/bin/perl
# bind-listeners.pl: binds the listening sockets of `wirehub serve` before the JVM starts, then
# execs the JVM with them open (socket activation, as systemd's StandardInput=socket and inetd do).
#
# Harnesses written for nats-server start the server and connect once about 100 ms later; a JVM
# alone needs longer than that to bind. A socket bound here accepts at once into the kernel's
# backlog, and INFO follows as soon as the server is up. The client port goes in as standard input
# (fd 0); WebSocket, monitoring (HTTP or HTTPS), the leafnode port and the Unix socket as further
# descriptors; the environment says which is which (io.wirehub.cli.InheritedListeners). The server
# checks each against its final configuration and binds again where they differ, so a wrong guess
# here costs time, never a wrong port.
#
# It binds only what it can tell for sure from the command line and the config file. Anything it
# does not read for sure (an include, a $variable where an address is, a flag it does not know, a
# host name) makes it bind nothing: the JVM then binds the client port first thing itself.
#
#   perl bind-listeners.pl N JAVA-WORD... SERVE-ARG...   N words of the java command line, then serve's
#                                                        (the java words carry the --add-opens that
#                                                        InheritedSockets and InheritedHttpServer need)
#   perl bind-listeners.pl --dry-run SERVE-ARG...        prints what it would bind (tests), binds nothing
#
# Needs only perl-base (Debian's Essential package): Socket, and Cwd for a relative Unix path.
use strict;
use warnings;
use Socket qw(AF_INET AF_INET6 AF_UNIX SOCK_STREAM SOL_SOCKET SO_REUSEADDR IPPROTO_IPV6 IPV6_V6ONLY
    inet_pton pack_sockaddr_in pack_sockaddr_in6 pack_sockaddr_un);

# serve's flags (io.wirehub.cli.ServeCommand; BindListenersScriptTest checks this list against it).
my %VALUE_FLAG = map { $_ => 1 } qw(
    -a --addr --net -addr -net -p --port -port -c --config -config -m --http_port -http_port --unix
    -n --name --server_name -name -server_name -P --pid -pid --ports_file_dir -ports_file_dir --udp
    --store -l --log -log --log-format --user -user --pass -pass --auth -auth --tlscert -tlscert
    --tlskey -tlskey --tlscacert -tlscacert -sd --store_dir -store_dir --sd --memory-limit --memory_limit);
my %SWITCH = map { $_ => 1 } qw(-D --debug -debug -V --trace -trace --tls -tls --tlsverify -tlsverify
    -js --jetstream -jetstream --js);
# Flags after which no server listens (or that JVM reports on): nothing is bound for them.
my %NO_SERVER = map { $_ => 1 } qw(-h --help -v --version -t -sl --signal -signal);

# The bound sockets, kept here until exec: a socket whose last handle goes out of scope is closed.
my @BOUND;

my $dry_run = @ARGV && $ARGV[0] eq '--dry-run';
my @java;
if ($dry_run) {
    shift @ARGV;
} else {
    my $words = shift @ARGV;
    @java = splice(@ARGV, 0, $words);
}
my @serve = @ARGV;
delete @ENV{qw(WIREHUB_LISTEN_PID WIREHUB_LISTEN_FDS WIREHUB_LISTEN_UNIX)};

# systemd's socket activation handed the sockets over already (LISTEN_PID is this process, which
# the exec keeps; or a unit with StandardInput=socket says so): the ports are systemd's, nothing
# is bound here (io.wirehub.cli.InheritedListeners takes them).
if (!$dry_run && ((($ENV{LISTEN_PID} // '') eq $$ && ($ENV{LISTEN_FDS} // '') ne '')
        || ($ENV{WIREHUB_LISTEN_STDIN} // '') eq '1')) {
    exec { $java[0] } @java, @serve;
    die "wirehub: cannot run $java[0]: $!\n";
}

my $plan = eval { plan(@serve) };
my $unsure = $@;
if ($dry_run) {
    if ($unsure) {
        $unsure =~ s/ at \S+ line \d+\.?\n?$//;
        chomp $unsure;
        print "unsure: $unsure\n";
    } else {
        for my $l (@$plan) {
            print join(' ', $l->{kind}, $l->{kind} eq 'unix' ? ($l->{path}, sprintf('%o', $l->{mode}))
                : ($l->{host}, $l->{port}), "backlog=$l->{backlog}", "reuse=$l->{reuse}"), "\n";
        }
    }
    exit 0;
}
if (!$unsure && @$plan) {
    my $fds = eval { bind_all($plan) };
    if ($fds) {
        $ENV{WIREHUB_LISTEN_PID} = $$;   # exec keeps the pid: the JVM knows they are its own
        $ENV{WIREHUB_LISTEN_FDS} = $fds->{fds};
        $ENV{WIREHUB_LISTEN_UNIX} = $fds->{unix} if defined $fds->{unix};
        exec { $java[0] } @java, @serve;
    }
}
exec { $java[0] } @java, @serve;
die "wirehub: cannot run $java[0]: $!\n";

# ---------------------------------------------------------------------------------------------
# What to bind: [{kind, host, port, backlog, reuse} or {kind => 'unix', path, mode, backlog}], kinds
# client, websocket, monitoring (HTTP or HTTPS), leaf (the leafnode port) and unix.

sub plan {
    my @args = @_;
    my (%flag, %seen);
    for (my $i = 0; $i < @args; $i++) {
        my $arg = $args[$i];
        my ($name, $inline) = $arg =~ /^(-[^=]+)=(.*)$/s ? ($1, $2) : ($arg, undef);
        die "no server for $arg\n" if $NO_SERVER{$name};
        if ($VALUE_FLAG{$name}) {
            die "$name given twice\n" if $seen{canonical($name)}++;
            my $value = defined $inline ? $inline : $args[++$i];
            die "$name has no value\n" unless defined $value;
            $flag{canonical($name)} = $value;
        } elsif ($SWITCH{$name} && !defined $inline) {
            next;
        } elsif ($arg =~ /^-[DV]+$/) {
            next;    # -DV: switches written together
        } else {
            die "unknown argument $arg\n";
        }
    }
    my $config = defined $flag{config} ? read_config($flag{config}) : [];
    my %top = (host => '0.0.0.0', port => 4222, http_host => undef, http_port => 0);
    my ($opts, $ws, $leaf, $unix) = ({}, undef, undef, undef);
    for my $entry (@$config) {
        my ($key, $value) = @$entry;
        if ($key eq 'listen') {
            my ($h, $p) = listen_address($value, undef);
            $top{host} = $h if defined $h;
            $top{port} = $p;
        } elsif ($key eq 'host' || $key eq 'net') {
            $top{host} = text($value, $key);
        } elsif ($key eq 'port') {
            $top{port} = integer($value, $key);
        } elsif ($key eq 'http' || $key eq 'https') {
            # HTTPS monitoring listens on the same kind of TCP socket: the JVM decides the scheme.
            my ($h, $p) = listen_address($value, undef);
            $top{http_host} = $h if defined $h;
            $top{http_port} = $p;
        } elsif ($key eq 'http_port' || $key eq 'monitor_port' || $key eq 'https_port') {
            $top{http_port} = integer($value, $key);
        } elsif ($key eq 'socket_options') {
            $opts = $value;
        } elsif ($key eq 'websocket' || $key eq 'ws') {
            $ws = $value;
        } elsif ($key eq 'leafnodes' || $key eq 'leaf') {
            $leaf = $value;
        } elsif ($key eq 'unix') {
            $unix = $value;
        }
    }
    $top{host} = $flag{addr} if defined $flag{addr};
    $top{port} = integer($flag{port}, '-p') if defined $flag{port};
    if (defined $flag{http_port}) {
        if ($flag{http_port} =~ /:/) {
            ($top{http_host}, $top{http_port}) = listen_address($flag{http_port}, '0.0.0.0');
        } else {
            $top{http_port} = integer($flag{http_port}, '-m');
        }
    }
    # nats-server's http_host: the client host unless the monitoring address names its own.
    $top{http_host} = $top{host} unless defined $top{http_host};
    my @plan = (tcp('client', $top{host}, $top{port}, $opts));
    if (defined $ws) {
        die "websocket is not a block\n" unless ref $ws eq 'HASH';
        my ($h, $p, $wsopts) = ('0.0.0.0', 0, {});
        for my $entry (@{ $ws->{entries} }) {
            my ($key, $value) = @$entry;
            if ($key eq 'host' || $key eq 'net') { $h = text($value, $key); }
            elsif ($key eq 'port') { $p = integer($value, $key); }
            elsif ($key eq 'listen') { my ($lh, $lp) = listen_address($value, undef); $h = $lh if defined $lh; $p = $lp; }
            elsif ($key eq 'socket_options') { $wsopts = $value; }
        }
        push @plan, tcp('websocket', $h, $p, $wsopts) if $p != 0;
    }
    push @plan, tcp('monitoring', $top{http_host}, $top{http_port}, {}) if $top{http_port} != 0;
    if (defined $leaf) {
        # As io.wirehub.server.config.LeafNodesBinder reads it: the hub side's port, host and listen
        # (no socket_options there); port 0 or none is no leafnode port, -1 any free one.
        die "leafnodes is not a block\n" unless ref $leaf eq 'HASH';
        my ($h, $p) = ('0.0.0.0', 0);
        for my $entry (@{ $leaf->{entries} }) {
            my ($key, $value) = @$entry;
            if ($key eq 'host') { $h = text($value, $key); }
            elsif ($key eq 'port') { $p = integer($value, $key); }
            elsif ($key eq 'listen') { my ($lh, $lp) = listen_address($value, undef); $h = $lh if defined $lh; $p = $lp; }
        }
        push @plan, tcp('leaf', $h, $p, {}) if $p != 0;
    }
    my ($path, $mode, $unixopts) = (undef, 0600, {});
    if (defined $unix) {
        die "unix is not a block\n" unless ref $unix eq 'HASH';
        for my $entry (@{ $unix->{entries} }) {
            my ($key, $value) = @$entry;
            if ($key eq 'path') { $path = text($value, $key); }
            elsif ($key eq 'mode') { $mode = file_mode($value); }
            elsif ($key eq 'socket_options') { $unixopts = $value; }
        }
    }
    $path = $flag{unix} if defined $flag{unix};
    if (defined $path) {
        my %o = socket_options($unixopts);
        push @plan, {kind => 'unix', path => absolute($path), mode => $mode, backlog => $o{backlog},
            reuse => 0};
    }
    return \@plan;
}

sub canonical {
    my ($name) = @_;
    return 'addr' if $name =~ /^(-a|--addr|--net|-addr|-net)$/;
    return 'port' if $name =~ /^(-p|--port|-port)$/;
    return 'config' if $name =~ /^(-c|--config|-config)$/;
    return 'http_port' if $name =~ /^(-m|--http_port|-http_port)$/;
    return 'unix' if $name eq '--unix';
    return $name;    # flags that place no listener
}

sub tcp {
    my ($kind, $host, $port, $opts) = @_;
    my %o = socket_options($opts);
    my $address = ip_literal($host);
    return {kind => $kind, host => $address, port => $port < 0 ? 0 : $port, backlog => $o{backlog},
        reuse => $o{reuse}};
}

sub socket_options {
    my ($opts) = @_;
    my %o = (backlog => 4096, reuse => 1);
    return %o unless $opts && %$opts;
    die "socket_options is not a block\n" unless ref $opts eq 'HASH';
    for my $entry (@{ $opts->{entries} }) {
        my ($key, $value) = @$entry;
        if ($key eq 'backlog') { $o{backlog} = integer($value, $key); }
        elsif ($key eq 'reuse_address') { $o{reuse} = boolean($value, $key); }
    }
    return %o;
}

# A host as the JVM binds it: IP literals as they are, localhost as 127.0.0.1 (the JVM prefers
# IPv4); a name would need the resolver's answer, which the JVM may see differently.
sub ip_literal {
    my ($host) = @_;
    $host = $1 if $host =~ /^\[(.*)\]$/;
    return '127.0.0.1' if lc $host eq 'localhost';
    return $host if defined inet_pton(AF_INET, $host) || defined inet_pton(AF_INET6, $host);
    die "host $host is a name\n";
}

# listen: 4222, "host:port", "[::1]:4222", ":4222"; returns (host or undef, port).
sub listen_address {
    my ($value, $empty_host) = @_;
    my $text = text($value, 'listen');
    return (undef, 0 + $text) if $text =~ /^-?\d+$/;
    my ($h, $p) = $text =~ /^\[([^\]]*)\]:(-?\d+)$/ ? ($1, $2)
        : $text =~ /^([^:\[\]]*):(-?\d+)$/ ? ($1, $2) : die "address $text\n";
    return ($h eq '' ? ($empty_host // '0.0.0.0') : $h, 0 + $p);
}

sub text {
    my ($value, $key) = @_;
    die "$key is not a plain value\n" if ref $value;
    die "$key refers to a variable\n" if $value =~ /^\$/;
    return $value;
}

sub integer {
    my ($value, $key) = @_;
    my $text = text($value, $key);
    die "$key is not a plain integer\n" unless $text =~ /^-?\d{1,9}$/;
    return 0 + $text;
}

sub boolean {
    my ($value, $key) = @_;
    my $text = lc text($value, $key);
    return 1 if $text =~ /^(true|yes|on)$/;
    return 0 if $text =~ /^(false|no|off)$/;
    die "$key is not a plain boolean\n";
}

sub file_mode {
    my ($value) = @_;
    my $text = text($value, 'mode');
    $text =~ s/^0[oO]//;
    die "mode $text\n" unless $text =~ /^[0-7]{1,4}$/ && oct($text) <= 0777;
    return oct $text;
}

sub absolute {
    my ($path) = @_;
    if ($path !~ m{^/}) {
        require Cwd;
        $path = Cwd::getcwd() . '/' . $path;
    }
    my @parts;
    for my $part (split m{/}, $path) {
        next if $part eq '' || $part eq '.';
        if ($part eq '..') { pop @parts; } else { push @parts, $part; }
    }
    return '/' . join('/', @parts);
}

# ---------------------------------------------------------------------------------------------
# The config file, in the NATS format, read only as far as needed: a list of [key, value] in the
# order the server applies them (a key written again counts where it was written last); maps are
# {entries => [...]}, lists are array refs, scalars are their text.

sub read_config {
    my ($file) = @_;
    open(my $in, '<', $file) or die "cannot read $file\n";
    local $/;
    my $text = <$in>;
    close $in;
    my $pos = 0;
    my $entries = map_body(\$text, \$pos, 1);
    return $entries;
}

sub skip_space {
    my ($text, $pos) = @_;
    while (1) {
        if ($$text =~ /\G[ \t\r\n]+/gc) { next; }
        if ($$text =~ /\G(?:#|\/\/)[^\n]*/gc) { next; }
        last;
    }
    $$pos = pos($$text) // $$pos;
}

sub map_body {
    my ($text, $pos, $top) = @_;
    my @entries;
    while (1) {
        pos($$text) = $$pos;
        skip_space($text, $pos);
        pos($$text) = $$pos;
        if ($$pos >= length $$text) {
            die "unclosed map\n" unless $top;
            return \@entries;
        }
        if ($$text =~ /\G\}/gc) {
            die "stray }\n" if $top;
            $$pos = pos($$text);
            return \@entries;
        }
        die "include\n" if $$text =~ /\Ginclude\b/i;
        my $key;
        if ($$text =~ /\G"([^"\\\n]*)"/gc || $$text =~ /\G'([^'\n]*)'/gc || $$text =~ /\G([^\s:=\{\}\[\]"',;]+)/gc) {
            $key = lc $1;
        } else {
            die "key expected\n";
        }
        $$text =~ /\G[ \t]*/gc;
        $$text =~ /\G[:=][ \t]*/gc;
        $$pos = pos($$text);
        my $value = value($text, $pos);
        @entries = grep { $_->[0] ne $key } @entries;
        push @entries, [$key, $value];
        pos($$text) = $$pos;
        $$text =~ /\G[ \t]*(?:[,;]|(?=\n|\r|\}|#|\/\/|$))/gc or die "junk after $key\n";
        $$pos = pos($$text);
    }
}

sub value {
    my ($text, $pos) = @_;
    pos($$text) = $$pos;
    my $value;
    if ($$text =~ /\G\{/gc) {
        $$pos = pos($$text);
        $value = {entries => map_body($text, $pos, 0)};
    } elsif ($$text =~ /\G\[/gc) {
        $$pos = pos($$text);
        $value = list_body($text, $pos);
    } elsif ($$text =~ /\G"((?:[^"\\]|\\["\\tnr])*)"/gc) {
        ($value = $1) =~ s/\\(.)/$1 eq 't' ? "\t" : $1 eq 'n' ? "\n" : $1 eq 'r' ? "\r" : $1/ge;
        $$pos = pos($$text);
    } elsif ($$text =~ /\G'([^']*)'/gc) {
        $value = $1;
        $$pos = pos($$text);
    } elsif ($$text =~ /\G([^\s;,\]\}'"\\(]+)/gc) {
        $value = $1;
        $$pos = pos($$text);
    } else {
        die "value not read\n";
    }
    return $value;
}

sub list_body {
    my ($text, $pos) = @_;
    my @values;
    while (1) {
        pos($$text) = $$pos;
        skip_space($text, $pos);
        pos($$text) = $$pos;
        die "unclosed list\n" if $$pos >= length $$text;
        if ($$text =~ /\G\]/gc) {
            $$pos = pos($$text);
            return \@values;
        }
        push @values, value($text, $pos);
        pos($$text) = $$pos;
        $$text =~ /\G[ \t]*,?/gc;
        $$pos = pos($$text);
    }
}

# ---------------------------------------------------------------------------------------------
# Binding. Returns {fds => "client=0,websocket=3,...", unix => "MODE:PATH"}; dies, having closed
# what it bound, when anything fails (the JVM then binds and reports).

sub bind_all {
    my ($plan) = @_;
    my (@open, @names, $unix_env, $unix_file);
    my $ok = eval {
        for my $l (@$plan) {
            # Descriptors above $^F are closed on exec; these must stay open.
            local $^F = 1 << 20;
            my $sock;
            if ($l->{kind} eq 'unix') {
                $sock = bind_unix($l);
                $unix_file = $l->{path};
                $unix_env = sprintf('%o:%s', $l->{mode}, $l->{path});
            } else {
                $sock = bind_tcp($l);
            }
            push @open, [$l->{kind}, $sock];
        }
        1;
    };
    if (!$ok) {
        close $_->[1] for @open;
        unlink $unix_file if defined $unix_file;
        die $@;
    }
    for my $o (@open) {
        my ($kind, $sock) = @$o;
        if ($kind eq 'client') {
            # Standard input, as systemd's StandardInput=socket hands it over.
            open(STDIN, '<&', $sock) or die "cannot move the client socket to standard input: $!\n";
            die "standard input is not descriptor 0\n" unless fileno(STDIN) == 0;
            close $sock;
            push @names, 'client=0';
        } else {
            push @names, "$kind=" . fileno($sock);
            push @BOUND, $sock;
        }
    }
    return {fds => join(',', @names), unix => $unix_env};
}

sub bind_tcp {
    my ($l) = @_;
    my $v6 = $l->{host} =~ /:/;
    my $sock;
    socket($sock, $v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0) or die "socket: $!\n";
    setsockopt($sock, SOL_SOCKET, SO_REUSEADDR, pack('i', 1)) or die "SO_REUSEADDR: $!\n" if $l->{reuse};
    # As the JVM binds "::": every IPv6 and IPv4 address.
    setsockopt($sock, IPPROTO_IPV6, IPV6_V6ONLY, pack('i', 0)) if $v6;
    my $address = $v6 ? pack_sockaddr_in6($l->{port}, inet_pton(AF_INET6, $l->{host}))
        : pack_sockaddr_in($l->{port}, inet_pton(AF_INET, $l->{host}));
    bind($sock, $address) or die "bind $l->{host}:$l->{port}: $!\n";
    listen($sock, $l->{backlog}) or die "listen: $!\n";
    return $sock;
}

# As io.wirehub.server.transport.UnixSocketListener binds: a stale socket file replaced, a live
# one or another kind of file left for the JVM to report; bound under a temporary name, given its
# mode, then renamed into place, so nobody connects before the mode is set.
sub bind_unix {
    my ($l) = @_;
    my $path = $l->{path};
    (my $dir = $path) =~ s{/[^/]*$}{};
    $dir = '/' if $dir eq '';
    die "no directory $dir\n" unless -d $dir;
    if (-e $path || -l $path) {
        die "$path is not a socket\n" unless -S $path;
        my $probe;
        socket($probe, AF_UNIX, SOCK_STREAM, 0) or die "socket: $!\n";
        my $live = connect($probe, pack_sockaddr_un($path));
        close $probe;
        die "a server listens on $path\n" if $live;
        unlink $path or die "cannot remove $path: $!\n";
    }
    my $temporary = sprintf('%s/.wirehub-%08x', $dir, int(rand(0xffffffff)));
    my $sock;
    socket($sock, AF_UNIX, SOCK_STREAM, 0) or die "socket: $!\n";
    bind($sock, pack_sockaddr_un($temporary)) or die "bind $temporary: $!\n";
    my $placed = eval {
        chmod($l->{mode}, $temporary) or die "chmod: $!\n";
        rename($temporary, $path) or die "rename: $!\n";
        listen($sock, $l->{backlog}) or die "listen: $!\n";
        1;
    };
    if (!$placed) {
        my $error = $@;
        close $sock;
        unlink $temporary;
        die $error;
    }
    return $sock;
}
