"""Settings of the load test's server (tests/benchmarks/load.py): the production settings
with the load test's URLconf, which adds one trivial view. Never used by the site."""

from cms.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "tests.benchmarks.load_urls"
