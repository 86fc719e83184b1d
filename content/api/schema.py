"""What the content pages add to the root schema (cms/api/schema.py finds it)."""

from .resolvers import ContentQuery

QUERIES = (ContentQuery,)
