"""Where the provider's progress lines (a retried call, an adopted object) go under the CLI.

A Python dynamic provider is not connected to the engine: ``python -m pulumi.dynamic`` ignores
the engine address it is given (pulumi/pulumi#6065), so ``pulumi.log`` in the provider process
has no engine and prints ``info: <message>`` / ``warning: <message>`` on stderr, which the CLI
collects from the provider process. ``PulumiLogHandler`` sends the ``pulumi_emrflow`` loggers'
records through ``pulumi.log`` all the same, so they reach the engine's log the day the SDK
connects dynamic providers, and stderr until then. It is installed only in the provider server
process: the client and the provider used in a program or a test leave logging to the caller.
"""

from __future__ import annotations

import logging
import sys

__all__ = ["PulumiLogHandler", "in_provider_server", "route_to_pulumi_log"]

_LOGGER = "pulumi_emrflow"
_installed = False


class PulumiLogHandler(logging.Handler):
    """A ``logging`` handler writing through ``pulumi.log`` (warnings and above as warnings)."""

    def emit(self, record: logging.LogRecord) -> None:
        import pulumi

        try:
            message = self.format(record)
            if record.levelno >= logging.WARNING:
                pulumi.log.warn(message)
            else:
                pulumi.log.info(message)
        except Exception:  # a log line must never fail a provider call
            self.handleError(record)


def in_provider_server() -> bool:
    """Whether this process is the SDK's dynamic-provider server (``python -m pulumi.dynamic``)."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) in ("pulumi.dynamic", "pulumi.dynamic.__main__")


def route_to_pulumi_log() -> None:
    """In the provider server, send ``pulumi_emrflow`` INFO records and above through
    ``pulumi.log``, once; elsewhere, do nothing."""
    global _installed
    if _installed or not in_provider_server():
        return
    _installed = True
    handler = PulumiLogHandler()
    handler.setFormatter(logging.Formatter("emrflow: %(message)s"))
    logger = logging.getLogger(_LOGGER)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # logging's last-resort stderr handler would print it twice
