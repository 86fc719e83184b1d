"""The production storage of static files (cms/settings/production.py).

WhiteNoise's CompressedManifestStaticFilesStorage: collectstatic gives every file a name
with a hash of its content (`frontend/css/site.4f1c2e3a.css`) and a gzip copy, so WhiteNoise
serves them with `Cache-Control: max-age=315360000, public, immutable` and
`Content-Encoding: gzip`; a changed file gets a new name.

One difference: a source map that a third-party stylesheet or script names in its
`sourceMappingURL` comment but does not ship (graphene-django-graphiql-static's
graphiql.min.css names graphiql.min.css.map) keeps its name instead of failing
collectstatic; only a browser's developer tools ever ask for it.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is None and name.split("?")[0].split("#")[0].endswith(".map"):
                return name
            raise
