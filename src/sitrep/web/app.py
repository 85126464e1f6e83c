"""The web API and map page of ``sitrep serve`` (FastAPI) over a :class:`~sitrep.store.Store`.

:func:`create_app` builds the application around an open store (injected:
tests pass their own) and :class:`~sitrep.web.serve_settings.ServeSettings`.
Read endpoints (``GET /api/...``) page through the store's flat rows with the
store's :class:`~sitrep.store.Query` filters, as JSON or GeoJSON; write
endpoints (``POST /api/extract``, ``POST /api/ingest``) run the extractor and
store the report, and need the bearer token the server was started with
(without one the server is read-only). The map page and its bundled assets
are served from ``sitrep/web/static`` (built from ``web/`` with npm).

Security: request bodies over ``max_body`` bytes get 413 before they are
read whole; static files are served by Starlette's ``StaticFiles``, which
refuses paths leaving its folder; no CORS header is sent unless origins are
configured; the page is sent with a Content-Security-Policy that allows
scripts from this server only.
"""

# No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations
# at run time, and they name aliases local to create_app.
import hashlib
import hmac
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi import Query as Param
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from sitrep.errors import SitrepError
from sitrep.out.facts import CONTRACT_PROPERTIES
from sitrep.store import Query, Store, parse_bbox
from sitrep.types import Document, Report
from sitrep.web.models import (
    NO_NUL,
    ActorRow,
    ArticleIn,
    ClaimRow,
    Counts,
    DeploymentRow,
    DocumentDetail,
    DocumentRow,
    ErrorResponse,
    EventRow,
    ExtractResult,
    Feature,
    FeatureCollection,
    IngestIn,
    IngestItem,
    IngestResult,
    Page,
    PageConfig,
    PlaceRow,
    PointGeometry,
    Row,
    SourceRow,
    Summary,
)
from sitrep.web.serve_settings import MAX_INGEST_DOCUMENTS, ServeSettings

if TYPE_CHECKING:  # spaCy is imported only when an extractor is built
    from sitrep.api import Extractor

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: GeoJSON feature properties: the output contract's, plus document and cluster fields.
GEOJSON_PROPERTIES: tuple[str, ...] = (
    *CONTRACT_PROPERTIES,
    "date_end",
    "assoc_actor1",
    "assoc_actor2",
    "title",
    "outlet",
    "url",
    "published",
    "event_id",
    "deployment_id",
    "cluster_id",
    "n_reports",
    "n_outlets",
    "corroboration",
    "contradicted",
    "contradictions",
)

#: The page's Content-Security-Policy: its scripts and data come from this server only;
#: images (map tiles) from anywhere, as the tile URL is the user's choice.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; connect-src 'self'; "
    "img-src 'self' data: blob: https: http:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

ExtractorFactory = Callable[[], "Extractor"]

_BAD_REQUEST: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "A parameter is malformed (bbox, dates)."}
}
# The .geojson routes answer errors in plain JSON: say so beside their geo+json.
_BAD_GEOJSON_REQUEST: dict[int | str, dict[str, Any]] = {
    400: {
        **_BAD_REQUEST[400],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
    }
}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "The article cannot be read."},
    401: {"model": ErrorResponse, "description": "Missing or wrong bearer token."},
    403: {"model": ErrorResponse, "description": "The server is read-only (no --token)."},
    413: {"model": ErrorResponse, "description": "The request body is over --max-body."},
}


# -- filters -----------------------------------------------------------------------------

FilterText = Annotated[str | None, Param(max_length=300, pattern=NO_NUL)]


def fact_filters(
    since: Annotated[
        date | None, Param(description="Keep facts on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        date | None, Param(description="Keep facts on or before this day (YYYY-MM-DD).")
    ] = None,
    bbox: Annotated[
        str | None,
        Param(
            description="Bounding box 'west,south,east,north' in degrees (WGS 84); "
            "west > east crosses the antimeridian.",
            max_length=200,
            examples=["36.5,35.8,37.6,36.6"],
        ),
    ] = None,
    event_type: Annotated[
        str | None,
        Param(
            alias="type",
            description="ACLED event type or sub-event type (events); kind or role "
            "(deployments: 'control', 'headquarters' …); claim type (claims). "
            "Case-insensitive, whole value.",
            max_length=300,
            pattern=NO_NUL,
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Param(
            description="Part of an actor's name (case-insensitive).",
            max_length=300,
            pattern=NO_NUL,
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        Param(
            description="The outlet's name, whole (case-insensitive).",
            max_length=300,
            pattern=NO_NUL,
        ),
    ] = None,
    place: Annotated[
        str | None,
        Param(
            description="A place name or first-order division, whole.",
            max_length=300,
            pattern=NO_NUL,
        ),
    ] = None,
    min_corroboration: Annotated[
        int,
        Param(
            ge=0, le=1000, description="Events reported by at least this many independent outlets."
        ),
    ] = 0,
    q: Annotated[
        str | None,
        Param(
            description="A piece of the evidence sentence (case-insensitive).",
            max_length=300,
            pattern=NO_NUL,
        ),
    ] = None,
) -> Query:
    """The store :class:`Query` for the request's filter parameters; 400 when malformed."""
    if since is not None and until is not None and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until}).")
    try:
        box = parse_bbox(bbox) if bbox is not None else None
        return Query(
            since=since,
            until=until,
            bbox=box,
            event_type=event_type or None,
            actor=actor or None,
            outlet=outlet or None,
            place=place or None,
            min_corroboration=min_corroboration,
            text=q or None,
        )
    except SitrepError as error:
        raise HTTPException(400, error.message) from error


class Paging:
    """``limit`` and ``offset`` query parameters, ``limit`` capped by the server."""

    def __init__(self, max_limit: int) -> None:
        self.max_limit = max_limit

    def __call__(
        self,
        limit: Annotated[
            int, Param(ge=1, description="Rows per page (at most the server's maximum).")
        ] = 100,
        offset: Annotated[int, Param(ge=0, le=1_000_000_000, description="Rows to skip.")] = 0,
    ) -> tuple[int, int]:
        if limit > self.max_limit:
            raise HTTPException(400, f"limit {limit} is over the maximum of {self.max_limit}.")
        return limit, offset


# -- GeoJSON -------------------------------------------------------------------------


class GeoJSONResponse(JSONResponse):
    """JSON sent as ``application/geo+json`` (RFC 7946)."""

    media_type = "application/geo+json"


def to_features(rows: list[dict[str, Any]], model: type[Row]) -> list[Feature[Any]]:
    """Point features of the rows that have coordinates; properties trimmed to the contract's.

    Limits: rows without ``lat``/``lon`` (unresolved places) are left out of
    the features but counted in ``total``, as in ``sitrep extract --format geojson``.
    """
    features: list[Feature[Any]] = []
    for row in rows:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        props = {name: row[name] for name in GEOJSON_PROPERTIES if name in row}
        for name in ("doc_id", "id", "kind", "name", "event_id", "deployment_id"):
            if name in row:
                props[name] = row[name]
        fact_id = row.get("id", "")
        features.append(
            Feature(
                id=f"{row.get('doc_id')}#{fact_id}",
                geometry=PointGeometry(coordinates=(float(lon), float(lat))),
                properties=model.model_validate(props),
            )
        )
    return features


def model_response(model: BaseModel, media_type: str = "application/json") -> Response:
    """``model`` serialised once, as it is.

    The rows were validated when the model was built; returning a Response
    keeps FastAPI from validating and serialising them a second time
    against the route's ``response_model`` (which still documents them),
    about halving the time of a 100-row page.
    """
    return Response(content=model.model_dump_json(), media_type=media_type)


# -- middleware ----------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class BodySizeLimit:
    """ASGI middleware: 413 for request bodies over ``max_body`` bytes.

    Method: a declared ``Content-Length`` over the limit is refused before
    anything is read; a chunked body is counted as it arrives and refused
    as soon as it passes the limit (the handler never sees it whole).
    """

    def __init__(
        self, app: Callable[[Scope, Receive, Send], Awaitable[None]], max_body: int
    ) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _send_error(send, 400, "Content-Length is not a number.")
                return
            if int(declared) > self.max_body:
                await _send_error(send, 413, self._message(int(declared)))
                return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # FastAPI re-raises HTTPExceptions from reading the body: a clean 413.
                    raise HTTPException(413, self._message(received))
            return message

        await self.app(scope, counted_receive, send)

    def _message(self, size: int) -> str:
        return (
            f"Request body of {size} bytes is over the limit of {self.max_body} bytes "
            "(sitrep serve --max-body)."
        )


async def _send_error(send: Send, status: int, detail: str) -> None:
    response = JSONResponse({"detail": detail}, status_code=status)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": response.raw_headers,
        }
    )
    await send({"type": "http.response.body", "body": response.body})


# -- the app -------------------------------------------------------------------------


def _default_extractor() -> "Extractor":
    from sitrep.api import Extractor

    return Extractor()


def _package_version() -> str:
    try:
        return version("sitrep")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def create_app(
    store: Store,
    settings: ServeSettings | None = None,
    *,
    extractor_factory: ExtractorFactory | None = None,
) -> FastAPI:
    """The FastAPI application serving ``store``.

    ``extractor_factory`` builds the :class:`~sitrep.api.Extractor` for the
    write endpoints on their first call (default: one from the default
    settings); tests inject theirs. The store is shared by the request
    threads: they read at the same time (its pool of read connections) and
    write one at a time; extraction runs one article at
    a time behind a lock, as a spaCy pipeline is not meant to be shared
    between threads.
    """
    settings = settings or ServeSettings()
    factory = extractor_factory or _default_extractor
    app = FastAPI(
        # FastAPI's own /docs and /redoc load their scripts from a CDN: /docs is served
        # below from the bundled Swagger UI instead, and there is no /redoc.
        docs_url=None,
        redoc_url=None,
        title="sitrep",
        version=_package_version(),
        description=(
            "Events (ACLED typology), force postures, control statements, claims, places, "
            "actors and sources from the sitrep store, each fact with its evidence sentence "
            "and its source. Read endpoints are open; POST endpoints need the bearer token "
            "the server was started with."
        ),
    )
    app.add_middleware(BodySizeLimit, max_body=settings.max_body)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    paging = Paging(settings.max_limit)
    extraction_lock = threading.Lock()
    extractor_box: list[Extractor] = []
    bearer = HTTPBearer(auto_error=False, description="The token given to sitrep serve --token.")

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        if settings.token is None:
            raise HTTPException(
                403, "This server is read-only: start sitrep serve with --token to allow writes."
            )
        given = credentials.credentials if credentials is not None else ""
        if not hmac.compare_digest(given.encode("utf-8"), settings.token.encode("utf-8")):
            raise HTTPException(
                401,
                "Missing or wrong token: send 'Authorization: Bearer TOKEN'.",
                headers={"WWW-Authenticate": "Bearer"},
            )

    Filters = Annotated[Query, Depends(fact_filters)]
    Paged = Annotated[tuple[int, int], Depends(paging)]
    Format = Annotated[
        Literal["json", "geojson"],
        Param(alias="format", description="'geojson' for a FeatureCollection of the located rows."),
    ]

    # ---- page and config ----

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "index.html",
            headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"},
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        """Swagger UI over /openapi.json, from the bundled swagger-ui-dist (no CDN)."""
        root = request.scope.get("root_path", "").rstrip("/")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} API",
            swagger_js_url=f"{root}/static/docs/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/static/docs/swagger-ui.css",
            swagger_favicon_url=f"{root}/static/docs/favicon-32x32.png",
            # No call to swagger.io's validator from the browser.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/api/config", response_model=PageConfig, tags=["page"])
    def config() -> PageConfig:
        """What the map page needs: the tile URL and its credit, whether writes are enabled."""
        return PageConfig(
            tiles_url=settings.tiles_url,
            tiles_attribution=settings.tiles_attribution,
            write_enabled=settings.token is not None,
            max_body=settings.max_body,
            max_limit=settings.max_limit,
            version=app.version,
        )

    @app.get("/api/summary", response_model=Summary, responses=_BAD_REQUEST, tags=["page"])
    def summary(query: Filters) -> Summary:
        """Counts, the first and last day, events per day and per type, the main actors.

        The filters narrow the events, deployments, claims and actors counted
        (``documents`` counts every stored document).
        """
        return Summary.model_validate(store.summary(query))

    # ---- facts ----

    def events_page(query: Query, limit: int, offset: int) -> Page[EventRow]:
        rows = store.events(query, limit=limit, offset=offset)
        return Page[EventRow](
            total=store.count_events(query),
            limit=limit,
            offset=offset,
            items=[EventRow.model_validate(r) for r in rows],
        )

    def events_collection(query: Query, limit: int, offset: int) -> FeatureCollection[EventRow]:
        rows = store.events(query, limit=limit, offset=offset)
        return FeatureCollection[EventRow](
            total=store.count_events(query),
            limit=limit,
            offset=offset,
            features=to_features(rows, EventRow),
        )

    @app.get(
        "/api/events",
        response_model=Page[EventRow] | FeatureCollection[EventRow],
        responses=_BAD_REQUEST,
        tags=["facts"],
    )
    def events(query: Filters, page: Paged, fmt: Format = "json") -> Response:
        """Events (ACLED typology), newest first, with their evidence, source and cluster."""
        if fmt == "geojson":
            return model_response(events_collection(query, *page))
        return model_response(events_page(query, *page))

    @app.get(
        "/api/events.geojson",
        response_model=FeatureCollection[EventRow],
        response_class=GeoJSONResponse,
        responses=_BAD_GEOJSON_REQUEST,
        tags=["facts"],
    )
    def events_geojson(query: Filters, page: Paged) -> Response:
        """Located events as a GeoJSON FeatureCollection (``total`` counts all matches)."""
        return model_response(events_collection(query, *page), GeoJSONResponse.media_type)

    def deployments_page(query: Query, limit: int, offset: int) -> Page[DeploymentRow]:
        rows = store.deployments(query, limit=limit, offset=offset)
        return Page[DeploymentRow](
            total=store.count_deployments(query),
            limit=limit,
            offset=offset,
            items=[DeploymentRow.model_validate(r) for r in rows],
        )

    def deployments_collection(
        query: Query, limit: int, offset: int
    ) -> FeatureCollection[DeploymentRow]:
        rows = store.deployments(query, limit=limit, offset=offset)
        return FeatureCollection[DeploymentRow](
            total=store.count_deployments(query),
            limit=limit,
            offset=offset,
            features=to_features(rows, DeploymentRow),
        )

    @app.get(
        "/api/deployments",
        response_model=Page[DeploymentRow] | FeatureCollection[DeploymentRow],
        responses=_BAD_REQUEST,
        tags=["facts"],
    )
    def deployments(query: Filters, page: Paged, fmt: Format = "json") -> Response:
        """Force postures (``kind`` ``deployment``) and control statements (``control``)."""
        if fmt == "geojson":
            return model_response(deployments_collection(query, *page))
        return model_response(deployments_page(query, *page))

    @app.get(
        "/api/deployments.geojson",
        response_model=FeatureCollection[DeploymentRow],
        response_class=GeoJSONResponse,
        responses=_BAD_GEOJSON_REQUEST,
        tags=["facts"],
    )
    def deployments_geojson(query: Filters, page: Paged) -> Response:
        """Located deployments and control statements as a GeoJSON FeatureCollection."""
        return model_response(deployments_collection(query, *page), GeoJSONResponse.media_type)

    @app.get("/api/claims", response_model=Page[ClaimRow], responses=_BAD_REQUEST, tags=["facts"])
    def claims(query: Filters, page: Paged) -> Page[ClaimRow]:
        """Claims: who says what, with the cue, the content and the facts they support."""
        limit, offset = page
        rows = store.claims(query, limit=limit, offset=offset)
        return Page[ClaimRow](
            total=store.count_claims(query),
            limit=limit,
            offset=offset,
            items=[ClaimRow.model_validate(r) for r in rows],
        )

    @app.get(
        "/api/places",
        response_model=Page[PlaceRow] | FeatureCollection[PlaceRow],
        responses=_BAD_REQUEST,
        tags=["reference"],
    )
    def places(
        query: Filters, page: Paged, fmt: Format = "json"
    ) -> Page[PlaceRow] | FeatureCollection[PlaceRow]:
        """Resolved places, one row per document and place."""
        limit, offset = page
        rows = store.places(query, limit=limit, offset=offset)
        total = store.count("places", query)
        if fmt == "geojson":
            return FeatureCollection[PlaceRow](
                total=total, limit=limit, offset=offset, features=to_features(rows, PlaceRow)
            )
        return Page[PlaceRow](
            total=total,
            limit=limit,
            offset=offset,
            items=[PlaceRow.model_validate(r) for r in rows],
        )

    @app.get(
        "/api/actors", response_model=Page[ActorRow], responses=_BAD_REQUEST, tags=["reference"]
    )
    def actors(query: Filters, page: Paged) -> Page[ActorRow]:
        """Actors, one row per document and actor, with aliases."""
        limit, offset = page
        rows = store.actors(query, limit=limit, offset=offset)
        return Page[ActorRow](
            total=store.count("actors", query),
            limit=limit,
            offset=offset,
            items=[ActorRow.model_validate(r) for r in rows],
        )

    @app.get(
        "/api/sources", response_model=Page[SourceRow], responses=_BAD_REQUEST, tags=["reference"]
    )
    def sources(query: Filters, page: Paged) -> Page[SourceRow]:
        """Outlets behind the matching events, most events first."""
        limit, offset = page
        rows = store.sources(query, limit=limit, offset=offset)
        return Page[SourceRow](
            total=store.count_sources(query),
            limit=limit,
            offset=offset,
            items=[SourceRow.model_validate(r) for r in rows],
        )

    @app.get(
        "/api/documents",
        response_model=Page[DocumentRow],
        responses=_BAD_REQUEST,
        tags=["reference"],
    )
    def documents(page: Paged) -> Page[DocumentRow]:
        """Stored documents' metadata, newest first."""
        limit, offset = page
        rows = store.documents(limit=limit, offset=offset)
        return Page[DocumentRow](
            total=store.count_documents(),
            limit=limit,
            offset=offset,
            items=[DocumentRow.model_validate(r) for r in rows],
        )

    @app.get(
        "/api/documents/{doc_id:path}",
        response_model=DocumentDetail,
        responses={404: {"model": ErrorResponse, "description": "No such document."}},
        tags=["reference"],
    )
    def document(doc_id: str) -> DocumentDetail:
        """One stored document with its text and JSON report (offsets point into the text)."""
        record = store.document(doc_id)
        if record is None:
            raise HTTPException(404, f"No document '{doc_id}' in the store.")
        return DocumentDetail.model_validate(record)

    # ---- writes ----

    def extractor() -> "Extractor":
        if not extractor_box:
            extractor_box.append(factory())
        return extractor_box[0]

    def extract_and_store(article: ArticleIn) -> tuple[Document, Report, bool, str | None]:
        document = article_document(article)
        with extraction_lock:
            report = extractor().extract_document(document)
        added = store.add(document, report)
        return document, report, added.stored, added.matched

    @app.post(
        "/api/extract",
        response_model=ExtractResult,
        responses=_WRITE_ERRORS,
        dependencies=[Depends(require_token)],
        tags=["write"],
    )
    def extract(article: ArticleIn) -> ExtractResult:
        """Extract one article, store its report (idempotent by text and URL), return it."""
        try:
            document, report, stored, matched = extract_and_store(article)
        except SitrepError as error:
            raise HTTPException(400, str(error)) from error
        return ExtractResult(
            doc_id=document.id,
            stored=stored,
            matched=matched,
            counts=report_counts(report),
            report=report.to_dict(),
        )

    @app.post(
        "/api/ingest",
        response_model=IngestResult,
        responses=_WRITE_ERRORS,
        dependencies=[Depends(require_token)],
        tags=["write"],
        description=f"Extract and store up to {MAX_INGEST_DOCUMENTS} articles; an article "
        "that fails is reported in its item and the others go on.",
    )
    def ingest(batch: IngestIn) -> IngestResult:
        """Extract and store many articles in one request."""
        items: list[IngestItem] = []
        for article in batch.documents:
            try:
                document, report, stored, _ = extract_and_store(article)
            except SitrepError as error:
                items.append(IngestItem(doc_id=article.id, stored=False, error=str(error)))
                continue
            items.append(
                IngestItem(doc_id=document.id, stored=stored, counts=report_counts(report))
            )
        return IngestResult(
            added=sum(1 for i in items if i.stored),
            already=sum(1 for i in items if not i.stored and i.error is None),
            failed=sum(1 for i in items if i.error is not None),
            items=items,
        )

    return app


# -- helpers over the store ----------------------------------------------------------


def article_document(article: ArticleIn) -> Document:
    """The :class:`Document` of an uploaded article (HTML through trafilatura).

    Its id is the given one, else ``upload-`` and 12 hex digits of the text's
    SHA-256, so the same text uploaded twice has the same id.
    """
    from sitrep.ingest.readers import document_from_text

    doc_id = article.id or "upload-" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:12]
    if article.html:
        from sitrep.ingest.readers import document_from_html

        document = document_from_html(
            article.text, doc_id, published=article.published, outlet=article.outlet
        )
    else:
        document = document_from_text(
            article.text, doc_id, published=article.published, outlet=article.outlet
        )
    document.title = article.title or document.title
    document.url = article.url or document.url
    return document


def report_counts(report: Report) -> Counts:
    """How many events, deployments, claims, places and actors a report holds."""
    return Counts(
        events=len(report.events),
        deployments=len(report.deployments),
        claims=len(report.claims),
        places=len(report.places),
        actors=len(report.actors),
    )
