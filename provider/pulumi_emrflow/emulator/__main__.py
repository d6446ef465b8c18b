"""Command line: run the EMR Flow API emulator as a standalone server.

The first line on stdout is the base URL (flushed), so a parent process can read it even with
``--port 0``; request logs go to stderr. SIGINT and SIGTERM stop it cleanly with exit status 0.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from . import (
    DEFAULT_ACCESS_KEY_ID,
    DEFAULT_ACCESS_KEY_SECRET,
    DEFAULT_ACCOUNT_ID,
    DEFAULT_CLUSTER_ID,
    DEFAULT_REGION,
    Emulator,
    EmulatorError,
)


def _drop_spec(text: str) -> tuple[str, int]:
    action, _, count = text.partition("=")
    if not action or (count and not count.isdigit()):
        raise argparse.ArgumentTypeError(f"expected ACTION or ACTION=COUNT, got {text!r}")
    return action, int(count or 1)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_emrflow.emulator",
        description=(
            "Local emulator of the Alibaba Cloud EMR Flow API (2016-04-08, RPC, signatures 1.0 "
            "and V3). State is kept per account (of the access key) and region (RegionId). "
            "Prints the base URL as the first line on stdout and logs one line per request on "
            "stderr (never parameter values). Unsigned admin routes: GET/POST /__emulator/faults, "
            "GET /__emulator/counters, POST /__emulator/reset."
        ),
        epilog=(
            f"Default credentials (public, local use only): {DEFAULT_ACCESS_KEY_ID} / "
            f"{DEFAULT_ACCESS_KEY_SECRET}, account {DEFAULT_ACCOUNT_ID}. Cluster "
            f"{DEFAULT_CLUSTER_ID} is always known in --region."
        ),
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    add("--port", type=int, default=0, help="port to bind; 0 picks a free one (default 0)")
    add("--db", metavar="PATH", help="SQLite file that keeps state across restarts")
    add("--access-key-id", default=DEFAULT_ACCESS_KEY_ID, help="accepted AccessKeyId")
    add("--access-key-secret", default=DEFAULT_ACCESS_KEY_SECRET, help="its secret")
    add(
        "--region",
        default=DEFAULT_REGION,
        help=f"region where clusters are seeded by default (default {DEFAULT_REGION})",
    )
    add(
        "--cluster",
        action="append",
        default=[],
        metavar="[REGION:]C-ID",
        help="extra known cluster id, in --region unless a region is given",
    )
    add(
        "--no-file-nodes",
        dest="file_nodes",
        action="store_false",
        help="list only folders in ListFlowCategory (by default a folder's jobs are listed too, "
        "as FILE nodes with ObjectId and ObjectType)",
    )
    add("--throttle-rate", type=float, default=0.0, metavar="R", help="0..1: Throttling.User")
    add("--error-rate", type=float, default=0.0, metavar="R", help="0..1: 503/500/502 replies")
    add("--latency-ms", type=float, default=0.0, metavar="N", help="delay added to each request")
    add(
        "--drop-after-commit",
        action="append",
        type=_drop_spec,
        default=[],
        metavar="ACTION[=COUNT]",
        help="commit the next COUNT (default 1) requests of ACTION, then drop the connection",
    )
    add("--seed", type=int, help="seed of the random faults")
    add(
        "--sts-expiry",
        type=float,
        metavar="SECONDS",
        help="life of the temporary keys STS and the credential stand-ins hand out "
        "(default: the DurationSeconds asked for)",
    )
    add("--quiet", action="store_true", help="no per-request log lines")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run until SIGINT or SIGTERM; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        emulator = Emulator(
            args.host, args.port, args.db, args.access_key_id, args.access_key_secret,
            args.cluster, args.seed, region=args.region, file_nodes=args.file_nodes,
            sts_expiry_seconds=args.sts_expiry,
        )  # fmt: skip
        emulator.set_faults(
            throttle_rate=args.throttle_rate,
            error_rate=args.error_rate,
            latency=args.latency_ms / 1000,
            drop_after_commit=dict(args.drop_after_commit),
        )
        emulator.start()
    except (EmulatorError, ValueError, OSError) as error:
        parser.error(str(error))
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    print(emulator.endpoint, flush=True)
    while not stop.wait(1.0):
        pass  # a timed wait keeps the main thread responsive to signals
    emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
