"""Run one function over many tasks, in input order, with a time limit per task.

Two layers keep a bad file from hanging a run:

* :func:`time_limit` raises :class:`TaskTimeout` inside the running code after N seconds:
  SIGALRM in a process's main thread (sequential runs, pool workers), an asynchronous
  exception in other threads (Dask workers). Both act between Python bytecodes, so code
  stuck inside one C call is interrupted only when it returns.
* in a process pool, :func:`ordered` also watches the clock from outside: a worker that
  overruns by far (stuck in C) is killed, the pool replaced, and the other tasks it held
  resubmitted. A worker that crashes (segfault, out of memory) costs its task, not the run.

>>> list(ordered(abs, [-1, 2, -3], jobs=1, timeout=None, on_timeout=str))
[1, 2, 3]
"""
from __future__ import annotations

import ctypes
import heapq
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_ATTEMPTS = 2  # a task whose worker died when it ran alone is the one crashing it


class TaskTimeout(BaseException):
    """Raised in a task that ran past its limit. A BaseException, so that extractors'
    ``except Exception`` clauses cannot swallow it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`TaskTimeout` in the body after ``seconds`` (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    if (threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0):  # leave someone else's alarm alone
        def alarm(signum, frame):
            raise TaskTimeout()

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    # Not the main thread (a Dask worker thread): ask the interpreter to raise in this thread.
    target, lock, state = threading.get_ident(), threading.Lock(), {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(TaskTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:  # fired but maybe not yet delivered: clear it, then report the timeout
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
        if state["fired"]:
            raise TaskTimeout()


def ordered(fn: Callable[[T], R], tasks: Sequence[T], *, jobs: int, timeout: float | None,
            on_timeout: Callable[[T], R], on_crash: Callable[[T], R] | None = None,
            grace: float = 10.0) -> Iterator[R]:
    """``fn(task)`` for every task, yielded in input order.

    ``fn`` itself should apply :func:`time_limit`; here ``timeout`` only arms the outside
    watchdog of the pool, which kills a task still running ``2 * timeout + grace`` seconds
    after it was handed to the pool (``on_timeout(task)`` stands in for its result).
    """
    if jobs <= 1 or len(tasks) < 2:
        yield from map(fn, tasks)
        return
    hard = 2 * timeout + grace if timeout else None
    yield from _pooled(fn, tasks, jobs, hard, on_timeout, on_crash or on_timeout)


def _kill(pool: ProcessPoolExecutor) -> None:
    for process in list(getattr(pool, "_processes", {}).values()):  # no public API to stop a running task
        try:
            process.kill()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def _pooled(fn, tasks, jobs, hard, on_timeout, on_crash) -> Iterator:
    # A task's deadline runs from its submission; at most `jobs` run at once, plus as many
    # queued, so a queued task waits for at most one soft limit before it starts.
    in_flight = 2 * jobs
    window = max(64, 16 * jobs)  # results kept ahead of the next one due: bounds memory
    todo = list(range(len(tasks)))  # a heap: resubmitted tasks go back in input order
    attempts = [0] * len(tasks)
    done: dict[int, object] = {}
    running: dict = {}  # future -> (index, deadline)
    next_out, pool = 0, None
    try:
        while next_out < len(tasks):
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=jobs)
            while todo and len(running) < in_flight and todo[0] < next_out + window:
                if attempts[todo[0]] and running:
                    break  # a suspect of a crash runs alone, so a second crash names the culprit
                index = heapq.heappop(todo)
                deadline = time.monotonic() + hard if hard else None
                running[pool.submit(fn, tasks[index])] = (index, deadline)
                if attempts[index]:
                    break
            deadlines = [d for _, d in running.values() if d is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            finished, _ = wait(list(running), timeout=wait_for, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                index, _ = running.pop(future)
                try:
                    done[index] = future.result()
                except BrokenProcessPool:
                    broken = True
                    attempts[index] += 1
                    if attempts[index] >= MAX_ATTEMPTS:
                        done[index] = on_crash(tasks[index])
                    else:
                        heapq.heappush(todo, index)
            now = time.monotonic()
            expired = [f for f, (_, d) in running.items() if d is not None and d <= now]
            if expired or broken:
                _kill(pool)
                pool = None
                for future, (index, deadline) in running.items():
                    if future in expired:
                        done[index] = on_timeout(tasks[index])
                    else:  # caught in the kill: run it again (alone if the pool broke)
                        attempts[index] = max(attempts[index], int(broken))
                        heapq.heappush(todo, index)
                running.clear()
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        if pool is not None:
            if running:
                _kill(pool)
            else:
                pool.shutdown(wait=True)
