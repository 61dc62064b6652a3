#!/usr/bin/env python3
# Memory given back after a burst: makes N subscriptions on one raw connection, drops them, then
# prints the server's RSS every 15 s. Usage: subscription-burst.py PORT SERVER_PID [N] (WATCH=seconds).
# docs/footprint.md has the figures.
import socket, sys, time, os
port=int(sys.argv[1]); pid=int(sys.argv[2]); n=int(sys.argv[3]) if len(sys.argv)>3 else 500000
def rss():
    for l in open(f"/proc/{pid}/status"):
        if l.startswith("VmRSS"): return int(l.split()[1])//1024
s=socket.create_connection(("127.0.0.1",port)); s.recv(4096)
s.sendall(b'CONNECT {"verbose":false}\r\n')
def ping():
    s.sendall(b'PING\r\n'); buf=b''
    while b'PONG' not in buf: buf+=s.recv(65536)
print("idle", rss(), "MiB", flush=True)
batch=[]
for i in range(n):
    batch.append(b'SUB foo.%d.bar %d\r\n' % (i, i))
    if len(batch)==5000: s.sendall(b''.join(batch)); batch=[]
s.sendall(b''.join(batch)); ping()
print("subscribed", n, rss(), "MiB", flush=True)
batch=[]
for i in range(n):
    batch.append(b'UNSUB %d\r\n' % i)
    if len(batch)==5000: s.sendall(b''.join(batch)); batch=[]
s.sendall(b''.join(batch)); ping()
print("unsubscribed", rss(), "MiB", flush=True)
t0=time.time()
while time.time()-t0 < float(os.environ.get("WATCH","75")):
    time.sleep(15); ping()
    print("after %ds" % (time.time()-t0), rss(), "MiB", flush=True)
s.close()
