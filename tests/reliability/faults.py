"""Fault drivers shared by the live-server tests: kill the server in the middle of a stream."""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections.abc import Callable

from .live import LiveServer

# make_writer(server, writer_no) -> submit(n) -> True when the server acknowledged item n
WriterFactory = Callable[[LiveServer, int], Callable[[int], bool]]


def stream_then_kill(
    server: LiveServer, make_writer: WriterFactory, rng: random.Random, writers: int = 4
) -> int:
    """Writers submit until the server is SIGKILLed (after a few acknowledged submissions and
    a random extra moment); returns how many submissions the server acknowledged."""
    stop = threading.Event()
    acknowledged = [0] * writers

    def run(writer: int) -> None:
        try:
            submit = make_writer(server, writer)
            n = 0
            while not stop.is_set():
                if submit(n):
                    acknowledged[writer] += 1
                n += 1
        except (OSError, http.client.HTTPException):
            pass  # the server died under us: that is the point

    threads = [threading.Thread(target=run, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while sum(acknowledged) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(rng.uniform(0.0, 0.3))
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    return sum(acknowledged)
