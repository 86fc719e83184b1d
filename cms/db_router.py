"""The optional read replica (docs/operations.md, "Scaling out").

With DATABASE_REPLICA_URL set, cms/settings/base.py adds a "replica" database, this router
and ReplicaReadsMiddleware. Only the reads of an anonymous GraphQL query go to the replica:

- the request is to /graphql/ (GET, or a POST whose document holds no mutation), with no
  Authorization header and no signed-in session: signed-in people and token clients stay
  on the primary, so they read what they have just written (a replica lags behind);
- never inside a transaction (transaction.atomic of the code, not a test's own), and never
  after the request has written anything (it reads its own writes from the primary);
- everything else (the admin, the frontend's pages, mutations, sessions, writes,
  migrations) uses "default".

A replica lags its primary: an anonymous reader may see a publication a moment late (the
cache of anonymous answers already allows GRAPHQL_CACHE_SECONDS of that).
"""

import contextvars
import json

from django.conf import settings
from django.db import connections
from django.utils.connection import ConnectionDoesNotExist

REPLICA = "replica"
_reads_on_replica = contextvars.ContextVar("reads_on_replica", default=False)


def _in_transaction(alias: str = "default") -> bool:
    connection = connections[alias]
    # A TestCase's own atomic blocks are marked: they are the test's, not the code's.
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _replica_configured() -> bool:
    try:
        connections[REPLICA]
    except ConnectionDoesNotExist:
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_on_replica.get() and _replica_configured() and not _in_transaction():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        _reads_on_replica.set(False)  # read-your-writes for the rest of the request
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def _holds_mutation(request) -> bool:
    """True unless the POST body is a GraphQL document (or a persisted query's hash) without
    a mutation; anything unclear counts as a mutation and stays on the primary."""
    from graphql import OperationDefinitionNode, OperationType, parse

    if request.method == "GET":
        return False  # GraphQL over GET never runs a mutation (405)
    if request.method != "POST" or len(request.body) > settings.GRAPHQL_MAX_BODY_BYTES:
        return True
    try:
        data = json.loads(request.body)
        query = data.get("query") if isinstance(data, dict) else None
        if query is None:
            from cms.api import persisted

            query = persisted.resolve(request, data, None)
        if not isinstance(query, str):
            return True
        document = parse(query)
    except Exception:  # bad JSON, an unknown hash, a syntax error: GraphQL answers it
        return True
    return any(
        isinstance(node, OperationDefinitionNode) and node.operation != OperationType.QUERY
        for node in document.definitions
    )


class ReplicaReadsMiddleware:
    """Marks an anonymous GraphQL query's request as one whose reads may use the replica
    (after AuthenticationMiddleware: the session is read from the primary first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        eligible = (
            request.path == "/graphql/"
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.user.is_authenticated
            and not _holds_mutation(request)
        )
        token = _reads_on_replica.set(eligible)
        try:
            return self.get_response(request)
        finally:
            _reads_on_replica.reset(token)
