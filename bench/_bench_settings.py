"""The site's settings with the bench URLconf (a bare view beside the site's URLs)."""

from simitra.settings import *  # noqa: F403

ROOT_URLCONF = "_bench_urls"
