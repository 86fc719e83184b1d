"""The service catalogue in GraphQL, on the core in cms/api/ (one concern per module).

- `enums`: lifecycle, vocabulary, order and change-request section enums;
- `types`: the small object types (terms, organisations, contacts, references);
- `terms`: taxonomy terms labelled in the requested locale;
- `blocks`: stream fields shaped for the API (description, time and place, resources);
- `internal`: internal information, the one guarded field;
- `service`: the `Service` type;
- `loaders`: batch loaders of a list of services (translations, related, workflow state);
- `filters`, `search`, `optimise`: the `services` list's filter, search ranking and
  selection-driven queryset;
- `resolvers`: the catalogue's query fields; `staff`: favourites, lists, change requests;
- `schema`: what this app adds to the root schema (cms/api/schema.py finds it).

Every page comes through `cms.api.pages` (live, public, in the catalogue); internal
information is one field, `Service.internal`, which checks the caller itself.
"""
