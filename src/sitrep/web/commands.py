"""``sitrep serve``: the JSON API and the map page over a store, with uvicorn.

A thin command: it checks the options, opens the store, builds the app with
:func:`sitrep.web.app.create_app` and runs uvicorn. FastAPI and uvicorn are
imported only when the command runs, so ``sitrep --help`` stays fast.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from sitrep.web.serve_settings import (
    DEFAULT_MAX_BODY,
    DEFAULT_TILES_ATTRIBUTION,
    DEFAULT_TILES_URL,
    ServeSettings,
)


def serve(
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="The store: a SQLite file (created when missing) or a postgresql:// URL.",
        ),
    ] = "sitrep.db",
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on (loopback by default; 0.0.0.0 for all)."),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")
    ] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="SITREP_TOKEN",
            show_envvar=True,
            help="Write token: allows POST /api/extract and /api/ingest with "
            "'Authorization: Bearer TOKEN'. Without it the server is read-only.",
        ),
    ] = None,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors",
            help="An origin allowed to call the API from another site (repeatable); "
            "CORS is closed unless given.",
        ),
    ] = None,
    tiles: Annotated[
        str,
        typer.Option(
            "--tiles",
            help="Map tile URL template ({z}/{x}/{y}); 'none' for the bundled country "
            "outlines only.",
        ),
    ] = DEFAULT_TILES_URL,
    tiles_attribution: Annotated[
        str,
        typer.Option("--tiles-attribution", help="Credit line shown for the tiles."),
    ] = DEFAULT_TILES_ATTRIBUTION,
    max_body: Annotated[
        int,
        typer.Option(
            "--max-body",
            min=1,
            help="Largest request body accepted, in bytes (larger: HTTP 413).",
        ),
    ] = DEFAULT_MAX_BODY,
) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the map page over a store."""
    import uvicorn

    from sitrep.errors import SitrepError
    from sitrep.store import open_store
    from sitrep.web.app import create_app

    if token is not None and not token.strip():
        typer.echo(
            "sitrep: --token (or SITREP_TOKEN) is empty; give a token or leave it out.", err=True
        )
        raise typer.Exit(2)
    settings = ServeSettings(
        token=token,
        cors_origins=tuple(cors or ()),
        tiles_url=None if tiles.strip().lower() in {"", "none", "off"} else tiles,
        tiles_attribution=tiles_attribution,
        max_body=max_body,
    )
    try:
        store = open_store(db)
    except SitrepError as error:
        typer.echo(f"sitrep: {error}", err=True)
        raise typer.Exit(2) from error
    app = create_app(store, settings)
    mode = "read-write (token set)" if token else "read-only"
    typer.echo(f"sitrep serve: {db} on http://{host}:{port}/ ({mode}); API docs at /docs", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level=os.environ.get("SITREP_LOG", "info"))
    finally:
        store.close()
