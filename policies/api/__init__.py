"""The service policies (linjaukset) in GraphQL, on the core in cms/api/.

- `enums`: status, scope, deciding body and decision outcome;
- `types`: the `Policy` type and its decision summary;
- `loaders`: batch loaders of a list of policies (successors) and the queryset it reads;
- `resolvers`: the `policies` and `policy` query fields;
- `schema`: what this app adds to the root schema (cms/api/schema.py finds it).

Only live, public policy pages are returned (`cms.api.pages`, as for services). A policy
not translated into the requested locale comes in Finnish with `isFallback: true`. The
decision behind a policy is summarised (dates, deciding body, the shares for and the
total) without per-partner votes. A list runs a constant number of queries whatever its
length.
"""
