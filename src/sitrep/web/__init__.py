"""``sitrep serve``: the JSON API (FastAPI) and the map page over the store.

:func:`sitrep.web.app.create_app` builds the application; the page's assets
in ``static/`` are built from ``web/`` (Leaflet, leaflet.markercluster,
Natural Earth outlines) with ``npm ci && npm run build`` and committed.
"""
