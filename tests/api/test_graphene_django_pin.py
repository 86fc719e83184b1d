"""cms.api.views.GraphQLView copies graphene-django's execute path, because graphene-django
has no hook for what it adds: the parsed and validated document cached per query text
(`_execute`; graphene-django 3.2.3 offers `validation_rules`, `middleware` and
`execution_context_class`, none of which can skip parsing and validation). The view also
takes graphene-django's `get_response` as given: it decides that a GraphQL error without a
path is a request error (no `data`), on which the view's HTTP status rules build.

So this test pins the source of both methods in the installed graphene-django to the
version the copy was made from. When an upgrade changes either, it fails: compare the new
method with `GraphQLView._execute` / `get_response` in cms/api/views.py, carry over what
changed (new execute options, rollback rules, error handling, the statuses), run
tests/api, then record the new hash here.
"""

import hashlib
import inspect

import graphene_django
import pytest
from graphene_django.views import GraphQLView as BaseGraphQLView

COPIED_FROM = "3.2.3"
# SHA-256 of inspect.getsource() of each method in graphene-django 3.2.3.
PINNED = {
    "execute_graphql_request": "a365a3b5245aa69c42426cbc2ee60a5ee84ec582f8f4ed39c9cd220203dd1273",
    "get_response": "a43a1b2efcb1165aa644914cc66f67c672a4d0562c9398d6dbac5e1d384106bb",
}


@pytest.mark.parametrize("method", sorted(PINNED))
def test_the_copied_graphene_django_code_is_unchanged(method):
    source = inspect.getsource(getattr(BaseGraphQLView, method))
    digest = hashlib.sha256(source.encode()).hexdigest()
    assert digest == PINNED[method], (
        f"graphene-django {graphene_django.__version__} changed GraphQLView.{method} "
        f"(the view's copy follows {COPIED_FROM}). Re-check cms/api/views.py against it: "
        "GraphQLView._execute copies execute_graphql_request (parse, validation, the GET "
        "mutation refusal, execute options, atomic mutations and rollback) with the document "
        "cached; get_response decides what a request error is (an error without a path, no "
        "data), which cms.api.http's statuses build on. Carry the changes over, run "
        f"tests/api, and pin the new hash: {digest}"
    )
