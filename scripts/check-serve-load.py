#!/usr/bin/env python3
"""Hostile load on `zhkg serve`, on 127.0.0.1 only (issue 12's server findings).

    python3 scripts/check-serve-load.py ZHKG STORE

STORE is a store built from data/samples. Standard library only. Every loop
is bounded in count, every socket has a timeout, and the whole run stops
after DEADLINE seconds. Prints figures; fails (exit 1) when a check fails:

1. keep-alive: 200 requests (40 KB answers) on one kept-alive connection
   against 200 on fresh connections (median and p99 of each; TCP_NODELAY).
2. 64 concurrent clients, 20 queries each: every answer 200, p50 and p99.
3. 600 idle connections (half of them with half a request sent) do not
   stop a normal client; with --idle-timeout 2 they are closed; past
   --max-connections a connection gets 503 at once; a client that stops
   reading a 15 MB answer is dropped.
4. A query nested 1,000 levels deep gets 400, and the server lives.
5. The ORDER BY cross product is stopped (503) with the server and its
   workers under the memory budget (sampled from /proc every 5 ms), while
   another client keeps getting answers (their p99 is printed).
6. With --allow-update, an update from a foreign Origin is refused (403)
   and nothing is written; the same update from the server's own origin
   goes through.
"""
import http.client
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

DEADLINE = 240  # seconds for the whole script
STARTED = time.monotonic()
SMALL = "SELECT ?n WHERE { ?p a <http://schema.org/Person> ; <http://schema.org/name> ?n } LIMIT 5"
# About 40 KB of CSV: an answer written in more than one segment, where
# Nagle's algorithm meets the client's delayed ACK (~40 ms per request on
# a kept-alive connection without TCP_NODELAY).
MID = "SELECT * WHERE { ?s ?p ?o } LIMIT 300"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c"
MAX_MEMORY_MIB = 512  # --max-memory of the server in check 5
WORKERS = 2


def check(cond, what):
    if not cond:
        print(f"FAILED: {what}", file=sys.stderr)
        sys.exit(1)
    if time.monotonic() - STARTED > DEADLINE:
        print(f"FAILED: over the {DEADLINE} s deadline at: {what}", file=sys.stderr)
        sys.exit(1)


def start(zhkg, store, *extra):
    proc = subprocess.Popen([zhkg, "serve", "--store", store, "--bind", "127.0.0.1:0", *extra],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    check(" at http://" in line, f"serve started: {line!r}")
    host, port = line.split("http://")[1].split("/")[0].split(":")
    check(host == "127.0.0.1", "loopback only")
    return proc, int(port)


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def path_for(sparql):
    return "/query?query=" + urllib.parse.quote(sparql)


def ask(port, sparql, timeout=30, conn=None):
    """(status, body, seconds) of one GET, on `conn` or a fresh connection."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    conn.request("GET", path_for(sparql), headers={"Accept": "text/csv"})
    r = conn.getresponse()
    body = r.read()
    took = time.perf_counter() - started
    if own:
        conn.close()
    return r.status, body, took


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def ms(s):
    return f"{s * 1000:.2f} ms"


def rss_mib(pid):
    """Resident memory of a process and its children, MiB."""
    total = 0
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                pids += [int(c) for c in f.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total / 2**20


def keep_alive(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    kept, fresh = [], []
    size = 0
    for _ in range(200):
        status, body, took = ask(port, MID, conn=conn)
        check(status == 200, "keep-alive answer")
        kept.append(took)
        size = len(body)
    conn.close()
    for _ in range(200):
        status, _, took = ask(port, MID)
        check(status == 200, "fresh-connection answer")
        fresh.append(took)
    print(f"1. keep-alive, {size} bytes an answer: median {ms(statistics.median(kept))}, "
          f"p99 {ms(pct(kept, 99))} over 200 requests on one connection; fresh connections: "
          f"median {ms(statistics.median(fresh))}, p99 {ms(pct(fresh, 99))} "
          f"(ratio kept/fresh {statistics.median(kept) / statistics.median(fresh):.2f})")


def concurrent(port, clients=64, each=20):
    times, errors = [], []
    lock = threading.Lock()

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(each):
            try:
                status, _, took = ask(port, SMALL, conn=conn)
            except OSError as e:
                with lock:
                    errors.append(repr(e))
                return
            with lock:
                (times if status == 200 else errors).append(took if status == 200 else status)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    wall = time.perf_counter() - started
    check(not errors and len(times) == clients * each, f"64 clients all answered: {errors[:5]}")
    print(f"2. {clients} concurrent clients x {each} queries: all 200; p50 {ms(pct(times, 50))}, "
          f"p99 {ms(pct(times, 99))}, max {ms(max(times))}; {len(times) / wall:.0f} queries/s")


def closed_by_server(s):
    """Whether the server has closed the socket (EOF or reset, maybe after
    an error answer)."""
    s.settimeout(2)
    try:
        for _ in range(16):
            if s.recv(4096) == b"":
                return True
    except socket.timeout:
        return False
    except OSError:
        return True
    return False


def idle_connections(zhkg, store):
    proc, port = start(zhkg, store, "--idle-timeout", "2", "--max-connections", "700")
    idle = []
    try:
        for i in range(600):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if i % 2:
                s.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: loc")  # half a request
            idle.append(s)
        status, _, took = ask(port, SMALL, timeout=5)
        check(status == 200, "a normal client among 600 idle connections")
        print(f"3. 600 idle connections open (half with half a request): a normal query "
              f"answered in {ms(took)}")
        # Past the idle timeout the server has closed them all.
        time.sleep(3)
        closed = sum(map(closed_by_server, idle))
        check(closed == len(idle), f"idle connections closed: {closed} of {len(idle)}")
        status, _, _ = ask(port, SMALL, timeout=5)
        check(status == 200, "answers after the idle connections were closed")
        print(f"   after --idle-timeout 2: all {closed} closed by the server; still answering")
    finally:
        for s in idle:
            s.close()
        stop(proc)
    # The cap: one connection past it gets 503 at once, then the rest go on.
    proc, port = start(zhkg, store, "--max-connections", "50", "--idle-timeout", "5")
    held = []
    try:
        for _ in range(50):
            held.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(0.3)
        started = time.perf_counter()
        status, body, _ = ask(port, SMALL, timeout=5)
        check(status == 503 and b"too many connections" in body, f"over the cap: {status}")
        refused = time.perf_counter() - started
        for s in held:
            s.close()
        time.sleep(0.3)
        status, _, _ = ask(port, SMALL, timeout=5)
        check(status == 200, "answers again below the cap")
        print(f"   --max-connections 50: the 51st connection got 503 in {ms(refused)}; "
              f"answering again once they closed")
    finally:
        for s in held:
            s.close()
        stop(proc)


def stalled_reader(zhkg, store):
    """A client that asks for a large answer and stops reading it is
    dropped after the idle timeout (the write timeout)."""
    proc, port = start(zhkg, store, "--idle-timeout", "2", "--max-results", "100000")
    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 60000"
    s = socket.socket()
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.settimeout(30)
        s.connect(("127.0.0.1", port))
        s.sendall(f"GET {path_for(big)} HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\n\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s.recv(1024)
            check(chunk, "the large answer starts")
            head += chunk
        length = int([l.split(b":")[1] for l in head.split(b"\r\n")
                      if l.lower().startswith(b"content-length:")][0])
        time.sleep(5)  # not reading, past the 2 s timeout
        got, closed = len(head), False
        s.settimeout(5)
        try:
            while True:
                chunk = s.recv(1 << 16)
                if not chunk:
                    closed = True
                    break
                got += len(chunk)
        except socket.timeout:
            closed = False
        except OSError:
            closed = True
        check(closed and got < length, f"stalled reader dropped: closed={closed}, {got} of {length} bytes")
        status, _, _ = ask(port, SMALL)
        check(status == 200, "answers after dropping the stalled reader")
        print(f"   a client that stopped reading a {length / 2**20:.0f} MB answer was dropped after the "
              f"idle timeout ({got / 2**20:.1f} MB had reached it)")
    finally:
        s.close()
        stop(proc)


def deep_nesting(port):
    deep = "SELECT * WHERE " + "{" * 1000 + "?s ?p ?o" + "}" * 1000
    status, body, _ = ask(port, deep)
    check(status == 400, f"deep nesting: {status} {body[:80]!r}")
    status, _, _ = ask(port, SMALL)
    check(status == 200, "the server lives after the deep query")
    print(f"4. a query nested 1,000 deep ({len(deep)} bytes): 400 "
          f"({body.decode().strip()[:60]}…); the server answers after it")


def memory_budget(zhkg, store):
    proc, port = start(zhkg, store, "--max-memory", str(MAX_MEMORY_MIB),
                       "--query-workers", str(WORKERS), "--timeout", "30")
    try:
        time.sleep(0.5)
        base = rss_mib(proc.pid)
        result = {}

        def heavy():
            try:
                result["heavy"] = ask(port, CROSS, timeout=60)
            except OSError as e:
                result["heavy"] = (0, repr(e).encode(), 0)

        light, peak = [], base
        t = threading.Thread(target=heavy)
        t.start()
        started = time.monotonic()
        next_light = 0.0
        while t.is_alive() and time.monotonic() - started < 60:
            peak = max(peak, rss_mib(proc.pid))
            if time.monotonic() >= next_light:
                status, _, took = ask(port, SMALL, timeout=30)
                check(status == 200, "the other client answered during the cross product")
                light.append(took)
                next_light = time.monotonic() + 0.05
            time.sleep(0.005)
        t.join(timeout=5)
        for _ in range(20):  # the other client goes on after it
            status, _, took = ask(port, SMALL, timeout=30)
            check(status == 200, "answers after the cross product")
            light.append(took)
        status, body, took = result.get("heavy", (0, b"", 0))
        budget = base + MAX_MEMORY_MIB * WORKERS
        check(status == 503 and b"memory limit" in body,
              f"cross product stopped by the memory limit: {status} {body[:100]!r}")
        check(peak < budget, f"peak {peak:.0f} MiB under the budget {budget:.0f} MiB")
        after = rss_mib(proc.pid)
        print(f"5. ORDER BY cross product: 503 after {took:.1f} s ({body.decode().strip()[:70]}…); "
              f"server + workers: {base:.0f} MiB idle, peak {peak:.0f} MiB sampled "
              f"(budget: idle + {WORKERS} x --max-memory {MAX_MEMORY_MIB} = {budget:.0f} MiB), "
              f"{after:.0f} MiB after")
        print(f"   the other client meanwhile: {len(light)} queries, all 200, p50 {ms(pct(light, 50))}, "
              f"p99 {ms(pct(light, 99))}")
    finally:
        stop(proc)


def cross_origin(zhkg, store):
    copy = tempfile.mkdtemp(prefix="zhkg-load-") + "/store"
    shutil.copytree(store, copy)
    proc, port = start(zhkg, copy, "--allow-update")
    insert = "INSERT DATA { <https://example.org/x> <https://example.org/y> \"forged\" }"
    probe = "ASK { <https://example.org/x> <https://example.org/y> ?o }"

    def post(origin):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("POST", "/update", body=urllib.parse.urlencode({"update": insert}),
                     headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin})
        r = conn.getresponse()
        r.read()
        conn.close()
        return r.status, r.getheader("Access-Control-Allow-Origin")

    try:
        status, cors = post("https://attacker.example")
        check(status == 403 and cors is None, f"cross-origin update: {status}, CORS {cors}")
        _, body, _ = ask(port, probe)
        check(body.strip() == b"true" or body.strip() == b"false", f"ASK answer {body!r}")
        check(body.strip() == b"false", "the forged update wrote nothing")
        status, _ = post(f"http://127.0.0.1:{port}")
        check(status == 200, f"same-origin update: {status}")
        _, body, _ = ask(port, probe)
        check(body.strip() == b"true", "the same-origin update is read back")
        print("6. --allow-update: a form POST from https://attacker.example: 403, no CORS header, "
              "nothing written; from the server's own origin: 200 and read back")
    finally:
        stop(proc)
        shutil.rmtree(os.path.dirname(copy), ignore_errors=True)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__.strip())
    zhkg, store = argv
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2048:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(2048, hard), hard))
    proc, port = start(zhkg, store)
    try:
        keep_alive(port)
        concurrent(port)
    finally:
        stop(proc)
    idle_connections(zhkg, store)
    stalled_reader(zhkg, store)
    proc, port = start(zhkg, store)
    try:
        deep_nesting(port)
    finally:
        stop(proc)
    memory_budget(zhkg, store)
    cross_origin(zhkg, store)
    print(f"all load checks passed in {time.monotonic() - STARTED:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
