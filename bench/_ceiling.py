"""Settings of the vote bench's server (bench/vote_load.py): Plenária's own settings, with
the URLconf of bench/_ceiling_urls.py — the application's URLs plus one minimal endpoint
that inserts one row, the ceiling a ballot is compared with. Same middleware, database
pool and server. Never imported by the application or the tests.
"""

from plenaria.settings import *  # noqa: F403 - the application's settings, unchanged

ROOT_URLCONF = "bench._ceiling_urls"
