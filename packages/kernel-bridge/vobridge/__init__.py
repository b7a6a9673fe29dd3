"""vobridge kernel bridge: fresh IVOA platform tokens inside notebook kernels."""

from .errors import NoCredentials, VobridgeError
from .wlcg import discover_bearer_token

__all__ = ["NoCredentials", "VobridgeError", "discover_bearer_token"]
