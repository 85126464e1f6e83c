"""Database connections behind the store: SQLite (default) and PostgreSQL.

The store writes its SQL once, with ``?`` placeholders; a :class:`Backend`
runs it on its database, translating placeholders and types where the
dialects differ. SQLite is one file in WAL mode (readers never block the
writer; a committed transaction survives the process being killed);
PostgreSQL goes through psycopg 3, imported only when a ``postgresql://``
URL is opened.

Writes go through one connection, one thread at a time. Reads
(:meth:`Backend.query`) go through a small pool of further connections, so
the threads of a web server read concurrently — each connection used by
one thread at a time, each statement seeing a committed snapshot — except
inside a transaction, whose own thread reads through the writing
connection to see its uncommitted rows.
"""

from __future__ import annotations

import contextlib
import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from sitrep.errors import Errors, SitrepError

Dialect = Literal["sqlite", "postgresql"]

#: URL schemes that open PostgreSQL.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")

#: Read connections per store (beyond the writing one): enough to keep a few cores
#: busy under a web server's thread pool, few enough to stay light on PostgreSQL.
DEFAULT_READERS = 4


def is_postgres_url(location: str | Path) -> bool:
    """True when ``location`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (for messages)."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


class ReadPool:
    """Up to ``size`` connections made by ``connect``, lent to one thread at a time.

    Connections are opened on first need; a thread finding all of them
    lent waits for one. Closing closes those not lent (a lent one is closed
    when it comes back).
    """

    def __init__(self, connect: Callable[[], Any], size: int) -> None:
        self._connect = connect
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(max(1, size))
        self._closed = False

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A connection for this thread alone until the block ends."""
        with self._slots:
            try:
                connection = self._idle.get_nowait()
            except queue.Empty:
                connection = self._connect()
            try:
                yield connection
            finally:
                if self._closed:
                    connection.close()
                else:
                    self._idle.put(connection)

    def close(self) -> None:
        """Close every idle connection; lent ones close when returned."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break


class Backend:
    """One open database with the few operations the store needs.

    ``execute`` and ``executemany`` take SQL with ``?`` placeholders and run
    on the writing connection, serialised by a lock; ``transaction()``
    groups statements into one atomic unit (nested use joins the outer
    transaction). ``query`` runs a read-only statement on a pooled read
    connection, concurrently with other threads' reads and with a write.
    """

    dialect: Dialect
    #: The writing connection (sqlite3 or psycopg), set by each backend.
    connection: Any

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None  # the thread inside a transaction
        self._readers: ReadPool | None = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; return its rows (empty for statements without rows)."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one read-only statement; return its rows.

        Method: on a pooled read connection (committed data only), unless the
        calling thread is inside :meth:`transaction` — then on the writing
        connection, which sees the transaction's own rows — or the backend
        has no read pool (SQLite in memory).
        """
        if self._readers is None or self._owner == threading.get_ident():
            return self.execute(sql, params)
        with self._readers.connection() as connection:
            return self._read(connection, sql, params)

    def _read(self, connection: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all.

        Nested use joins the outer transaction; the outermost one is the
        backend's own (:meth:`_outermost`), and its thread is remembered so
        that its reads see its own rows (:meth:`query`).
        """
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            self._owner = threading.get_ident()
            try:
                with self._outermost():
                    yield
            finally:
                self._depth = 0
                self._owner = None

    @contextlib.contextmanager
    def _outermost(self) -> Iterator[None]:
        """Begin, then commit (or roll back on an error) the writing connection's transaction."""
        raise NotImplementedError
        yield  # pragma: no cover

    def close(self) -> None:
        """Close the read pool, then the writing connection."""
        if self._readers is not None:
            self._readers.close()
        with self.lock:
            self.connection.close()


class SQLiteBackend(Backend):
    """A SQLite file (or ``:memory:``), WAL journal, foreign keys on.

    ``synchronous=NORMAL`` in WAL mode keeps every committed transaction
    across a crash of the process (kill -9); only a power loss may drop the
    last ones, never corrupt the file.
    """

    dialect: Dialect = "sqlite"
    connection: sqlite3.Connection

    def __init__(self, path: str | Path, *, readers: int = DEFAULT_READERS) -> None:
        super().__init__()
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(
                Path(self.path).expanduser() if self.path != ":memory:" else self.path,
                isolation_level=None,  # we issue BEGIN/COMMIT ourselves
                check_same_thread=False,
                timeout=30.0,
            )
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.execute("PRAGMA foreign_keys=ON")
        except (sqlite3.Error, OSError) as exc:
            raise SitrepError(Errors.E070, location=self.path, reason=exc) from exc
        if self.path != ":memory:" and readers > 0:
            # Every connection to a file sees it (an in-memory database is private to one).
            self._readers = ReadPool(self._open_reader, readers)

    def _open_reader(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            Path(self.path).expanduser(),
            isolation_level=None,
            check_same_thread=False,  # lent to one thread at a time by the pool
            timeout=30.0,
        )
        connection.execute("PRAGMA query_only=ON")
        return connection

    def _read(self, connection: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = connection.execute(sql, tuple(params)).fetchall()
        return rows

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            cursor = self.connection.execute(sql, tuple(params))
            return cursor.fetchall()

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.lock:
            self.connection.executemany(sql, (tuple(row) for row in rows))

    @contextlib.contextmanager
    def _outermost(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers queue
        # instead of failing half-way with "database is locked".
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")


class PostgresBackend(Backend):
    """A PostgreSQL database through psycopg 3 (autocommit outside transactions).

    ``schema`` (optional) is created when missing and put first on the
    search path, so several stores (or test runs) can share one database.
    """

    dialect: Dialect = "postgresql"

    def __init__(
        self, url: str, *, schema: str | None = None, readers: int = DEFAULT_READERS
    ) -> None:
        super().__init__()
        self.url = url
        try:
            import psycopg  # noqa: F401 - only checks it is there: E071 otherwise
        except ImportError as exc:
            raise SitrepError(Errors.E071, reason=exc) from exc
        if schema is not None and not _SCHEMA_NAME.match(schema):
            raise SitrepError(
                Errors.E070, location=redact_url(url), reason=f"bad schema name {schema!r}"
            )
        self.schema = schema
        self.connection = self._connect()
        if schema is not None:
            self.connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            self.connection.execute(f'SET search_path TO "{schema}", public')
        if readers > 0:
            self._readers = ReadPool(self._open_reader, readers)

    def _connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise SitrepError(Errors.E070, location=redact_url(self.url), reason=exc) from exc

    def _open_reader(self) -> Any:
        connection = self._connect()
        if self.schema is not None:
            connection.execute(f'SET search_path TO "{self.schema}", public')
        return connection

    def _read(self, connection: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        cursor = connection.execute(self.translate(sql), tuple(params))
        if cursor.description is None:
            return []
        return list(cursor.fetchall())

    @staticmethod
    def translate(sql: str) -> str:
        """``?`` placeholders to psycopg's ``%s`` (literal ``%`` doubled first)."""
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            cursor = self.connection.execute(self.translate(sql), tuple(params))
            if cursor.description is None:
                return []
            return list(cursor.fetchall())

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.lock, self.connection.cursor() as cursor:
            cursor.executemany(self.translate(sql), [tuple(row) for row in rows])

    @contextlib.contextmanager
    def _outermost(self) -> Iterator[None]:
        with self.connection.transaction():
            yield


def connect(location: str | Path, *, schema: str | None = None) -> Backend:
    """A :class:`Backend` for a SQLite path or a ``postgresql://`` URL."""
    if is_postgres_url(location):
        return PostgresBackend(str(location), schema=schema)
    if schema is not None:
        raise SitrepError(
            Errors.E070, location=str(location), reason="a schema applies to PostgreSQL only"
        )
    return SQLiteBackend(location)
