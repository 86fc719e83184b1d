"""What the service catalogue adds to the root schema (cms/api/schema.py finds it)."""

from .resolvers import CatalogueQuery
from .staff import StaffMutation, StaffQuery

QUERIES = (CatalogueQuery, StaffQuery)
MUTATIONS = (StaffMutation,)
