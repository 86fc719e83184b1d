"""The content pages in GraphQL, on the core in cms/api/ (docs/architecture.md, "A new page
type on the core").

- `enums`: the kind of a content page and the order of a list;
- `types`: the `ContentPage` type (its body as the blocks of a service description);
- `loaders`: the selection-driven queryset and the translations of a list;
- `resolvers`: the `contentPages` and `contentPage` query fields;
- `schema`: what this app adds to the root schema (cms/api/schema.py finds it).

Only live, public pages are returned (`cms.api.pages.public_pages`, as for services and
policies). A page not translated into the requested locale comes in Finnish with
`isFallback: true`. Rich text keeps only the links the caller may open
(`cms.api.rich_text`). A list runs a constant number of queries whatever its length.
"""
