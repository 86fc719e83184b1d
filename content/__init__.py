"""Content pages: help, news and bulletins, a privacy notice per partner, the accessibility
statement and "about" (issue 14; the privacy notices are issue 16's). Edited in the CMS by the
maintainers, translated by the translators, read by frontends through the GraphQL API
(`content/api/`). docs/content-pages.md."""
