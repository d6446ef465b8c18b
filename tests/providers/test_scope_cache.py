"""The scope cache on its own: one fetch for concurrent reads, each id answered once, a bounded
lifetime, writes dropping it, a failed List answering nothing."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pulumi_emrflow.providers.scope_reads import Items, Listed, ScopeCache, ScopeKey

KEY: ScopeKey = ("flow_job", ("FP-1",), "http://emu", "AK", "cn-hangzhou")
ITEMS: Items = {"FJ-1": {"Id": "FJ-1"}, "FJ-2": {"Id": "FJ-2"}}


class Fetcher:
    def __init__(self, items: Items | None = ITEMS, delay: float = 0.0) -> None:
        self.items, self.delay, self.calls = items, delay, 0
        self._lock = threading.Lock()

    def __call__(self) -> Items | None:
        with self._lock:
            self.calls += 1
        time.sleep(self.delay)
        return self.items


def test_concurrent_reads_of_a_scope_share_one_fetch() -> None:
    cache, fetch = ScopeCache(), Fetcher(delay=0.2)
    ids = [f"FJ-{i}" for i in range(1, 9)]
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda id_: cache.lookup(KEY, id_, fetch), ids))
    assert fetch.calls == 1
    assert found[:2] == [Listed(ITEMS["FJ-1"]), Listed(ITEMS["FJ-2"])]
    assert found[2:] == [Listed(None)] * 6  # absent from the List (the caller asks Describe)


def test_an_id_read_again_fetches_the_scope_anew() -> None:
    cache, fetch = ScopeCache(), Fetcher()
    assert cache.lookup(KEY, "FJ-1", fetch) == Listed(ITEMS["FJ-1"])
    assert cache.lookup(KEY, "FJ-2", fetch) == Listed(ITEMS["FJ-2"])
    assert fetch.calls == 1
    assert cache.lookup(KEY, "FJ-1", fetch) == Listed(ITEMS["FJ-1"])
    assert fetch.calls == 2


def test_a_snapshot_lives_at_most_the_ttl() -> None:
    now = [0.0]
    cache, fetch = ScopeCache(ttl=60.0, clock=lambda: now[0]), Fetcher()
    cache.lookup(KEY, "FJ-1", fetch)
    now[0] = 59.0
    cache.lookup(KEY, "FJ-2", fetch)
    assert fetch.calls == 1
    now[0] = 61.0
    cache.lookup(KEY, "FJ-3", fetch)
    assert fetch.calls == 2


def test_a_write_drops_the_scope_for_every_client_and_only_that_scope() -> None:
    cache, fetch = ScopeCache(), Fetcher()
    other_account: ScopeKey = ("flow_job", ("FP-1",), "http://emu", "AK2", "cn-hangzhou")
    other_project: ScopeKey = ("flow_job", ("FP-2",), "http://emu", "AK", "cn-hangzhou")
    for key in (KEY, other_account, other_project):
        cache.lookup(key, "FJ-1", fetch)
    assert fetch.calls == 3
    cache.forget("flow_job", ("FP-1",))
    for key in (KEY, other_account, other_project):
        cache.lookup(key, "FJ-2", fetch)
    assert fetch.calls == 5  # FP-2's snapshot was kept


def test_a_failed_list_answers_nothing_and_is_not_retried_per_read() -> None:
    cache, fetch = ScopeCache(), Fetcher(items=None)
    assert cache.lookup(KEY, "FJ-1", fetch) is None
    assert cache.lookup(KEY, "FJ-2", fetch) is None
    assert fetch.calls == 1


def test_a_fetch_that_raises_releases_the_waiting_reads() -> None:
    cache = ScopeCache()
    started = threading.Event()

    def broken() -> Items | None:
        started.set()
        time.sleep(0.1)
        raise RuntimeError("bug")

    def waiter() -> Listed | None:
        started.wait()
        return cache.lookup(KEY, "FJ-2", Fetcher())

    with ThreadPoolExecutor(2) as pool:
        waiting = pool.submit(waiter)
        with pytest.raises(RuntimeError):
            cache.lookup(KEY, "FJ-1", broken)
        assert waiting.result(timeout=5) is None
