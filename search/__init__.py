"""Search: language-aware analysis (fi, sv, en), the search index in the database, the
ranked query, synonyms, typo correction and autosuggest (docs/search.md).

The app knows no domain model: a domain app registers what it indexes (its pages, their
texts per field, their labels) and calls the indexer when they change.
"""
