"""The spec word for refresh at scale: a List call that can stand in for Describe on read.

A spec that sets ``ResourceSpec.list_reads`` lets the provider answer every read of a scope
(the jobs of one project) from one paged List, fetched once and shared; a spec without it keeps
one Describe per read. Items are keyed by ``ResourceSpec.id_of``, as Describe answers are.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListReads:
    """What the List call's items carry, compared with a Describe answer."""

    scope: tuple[str, ...] = ()
    """The fields whose values select one whole List answer (``project_id`` for a job, nothing
    for a project: the region's projects). Each is sent as its API parameter."""
    unlisted: tuple[str, ...] = ()
    """Inputs a List item does not carry (a job's ``retry_policy``): a resource whose state sets
    one is read with Describe, so that the missing key never reads as a cleared value. When
    unset in state, the List path keeps them unset (a change made elsewhere goes unseen)."""
    page_size: int = 100
    """Items per List page (the service refuses 250 or more)."""
    max_items: int = 20_000
    """A scope larger than this is not listed whole: its reads use Describe."""
