#!/usr/bin/env python3
"""peer.py - a FastCGI peer that stops part-way, for the accept-path tests.

    peer.py SOCKET STAGE HOLD

Connects to the unix SOCKET, sends a request up to STAGE, prints "sent",
then waits up to HOLD seconds for the worker to close the connection and
prints "closed after N.Ns" or "still open".  STAGE is one of
  silent   connect and send nothing
  header   one byte of a record header
  params   BEGIN_REQUEST and half of the PARAMS record
  stdin    the whole PARAMS, then 5 of the 50 body bytes announced
  garbage  a record of an unknown version
(FastCGI 1.0 specification, section 3.3: 8-byte record headers.)
"""
import socket
import struct
import sys
import time


def record(rtype, content):
    pad = (8 - len(content) % 8) % 8
    return struct.pack(">BBHHBx", 1, rtype, 1, len(content), pad) + content + b"\0" * pad


def pair(name, value):
    return bytes([len(name), len(value)]) + name + value


def main():
    path, stage, hold = sys.argv[1], sys.argv[2], float(sys.argv[3])
    params = (pair(b"REQUEST_METHOD", b"POST") + pair(b"DOCUMENT_URI", b"/human_move")
              + pair(b"CONTENT_LENGTH", b"50"))
    begin = record(1, struct.pack(">HB5x", 1, 0))
    data = {
        "silent": b"",
        "header": b"\x01",
        "params": begin + record(4, params)[:20],
        "stdin": begin + record(4, params) + record(4, b"") + struct.pack(">BBHHBx", 1, 5, 1, 50, 6) + b"{\"boa",
        "garbage": b"\x09" * 16,
    }[stage]
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.sendall(data)
    print("sent", flush=True)
    t0 = time.monotonic()
    s.settimeout(hold)
    try:
        while s.recv(4096):
            pass
        print("closed after %.1fs" % (time.monotonic() - t0), flush=True)
    except socket.timeout:
        print("still open", flush=True)


main()
