"""What ``sitrep serve`` is started with: :class:`ServeSettings` (no FastAPI import here)."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.errors import Errors, SitrepError

#: OpenStreetMap's standard tiles; their usage policy asks for the credit below.
DEFAULT_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_ATTRIBUTION = (
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
#: Largest request body, in bytes: room for a long article or a batch of ~100.
DEFAULT_MAX_BODY = 2_000_000
#: Largest page of rows one request may ask for (``limit``).
MAX_LIMIT = 5000
#: Largest number of documents one POST /api/ingest may carry.
MAX_INGEST_DOCUMENTS = 100


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """Options of the server.

    ``token`` None makes the server read-only (POST endpoints answer 403);
    ``cors_origins`` empty sends no CORS headers (browsers then refuse
    cross-site calls); ``tiles_url`` None shows the bundled outlines only.
    """

    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    tiles_url: str | None = DEFAULT_TILES_URL
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION
    max_body: int = DEFAULT_MAX_BODY
    max_limit: int = MAX_LIMIT

    def __post_init__(self) -> None:
        if self.max_body <= 0:
            raise SitrepError(Errors.E022, name="max_body", reason="must be a positive integer")
        if self.max_limit <= 0:
            raise SitrepError(Errors.E022, name="max_limit", reason="must be a positive integer")
        if self.token is not None and not self.token.strip():
            raise SitrepError(Errors.E022, name="token", reason="is empty")
        if "*" in self.cors_origins and len(self.cors_origins) > 1:
            raise SitrepError(
                Errors.E022, name="cors", reason="'*' allows every origin: give it alone"
            )
