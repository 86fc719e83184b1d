"""What the policies add to the root schema (cms/api/schema.py finds it)."""

from .resolvers import PolicyQuery

QUERIES = (PolicyQuery,)
