#!/usr/bin/env python3
"""Sequential keep-alive requests to chatbind-fake over loopback: the median and 90th percentile
round trip, with the fake as built (TCP_NODELAY on its sockets) and with bench/no_nodelay.c
preloaded (as if it never set it). Run by hand: it is a measurement, not a test.

    bench/keepalive_latency.py build/main/tools/fake/chatbind-fake [--requests 200]

The client is Python's http.client on one connection, each POST sent as one write; what it
measures is the server's side: an answer written as headers then body waits, under Nagle's
algorithm, for the client's delayed ACK of the first part.
"""
import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time


def start(fake, env, run):
    port_file = os.path.join(run, "port")
    if os.path.exists(port_file):
        os.remove(port_file)
    process = subprocess.Popen([fake, "--port", "0", "--port-file", port_file, "--token", "t"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(port_file) and open(port_file).read().strip():
            return process, int(open(port_file).read())
        time.sleep(0.05)
    process.kill()
    sys.exit("chatbind-fake did not report its port")


def measure(port, requests):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    times = []
    body = ('{"msg":"ping","msg_type":10,"room_id":"3581310465924767744","channel_id":"3595756374695264256",'
            '"channel_type":1}').encode()
    for _ in range(requests):
        begin = time.perf_counter()
        connection.request("POST", "/chatroom/v2/channel_msg/send?chat_os_type=bot", body=body,
                           headers={"Content-Type": "application/json", "token": "t"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            sys.exit(f"chatbind-fake answered {response.status}")
        times.append((time.perf_counter() - begin) * 1000)
    connection.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fake")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as run:
        shim = os.path.join(run, "no_nodelay.so")
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", shim, os.path.join(here, "no_nodelay.c"), "-ldl"],
                       check=True)
        rows = []
        for label, preload in (("without TCP_NODELAY (shim)", shim), ("with TCP_NODELAY (as built)", None)):
            env = dict(os.environ)
            if preload:
                env["LD_PRELOAD"] = preload
            process, port = start(args.fake, env, run)
            try:
                rows.append((label, *measure(port, args.requests)))
            finally:
                process.terminate()
                process.wait()
        print(f"{args.requests} sequential keep-alive POSTs to chatbind-fake over loopback (Python http.client)")
        print("| server sockets | median ms | p90 ms |")
        print("|---|---:|---:|")
        for label, median, p90 in rows:
            print(f"| {label} | {median:.2f} | {p90:.2f} |")


if __name__ == "__main__":
    main()
