"""The ``__provider`` value a resource of each spec carries: the provider, pickled once.

``pulumi.dynamic.serialize_provider`` stacks one more pickle patch on every call (pulumi 3.272),
so pickling per resource slows construction and ends in RecursionError near the ~975th dynamic
resource. Our provider's pickle depends only on the spec name, so it is made once per spec per
process, with the SDK's own function so that the format is exactly the SDK's. Resources register
with it; the testing harness sends it with every request, as the engine does.
"""

from __future__ import annotations

import threading

__all__ = ["serialized_provider"]

_SERIALIZED: dict[str, str] = {}
_LOCK = threading.Lock()


def serialized_provider(spec_name: str) -> str:
    """The base64 pickle of ``EmrFlowProvider(spec_name)``, computed once per process."""
    text = _SERIALIZED.get(spec_name)
    if text is None:
        with _LOCK:
            text = _SERIALIZED.get(spec_name)
            if text is None:
                from pulumi.dynamic.dynamic import serialize_provider

                from pulumi_emrflow.providers.lifecycle import EmrFlowProvider

                text = serialize_provider(EmrFlowProvider(spec_name))
                _SERIALIZED[spec_name] = text
    return text
