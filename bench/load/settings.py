"""The portal's production settings, served over plain http on loopback for the load test.

Only what a run without a TLS terminator needs changes (cookies without the Secure flag), plus
a tiny hello-world view for the ceiling (bench/load/urls.py), which the portal itself never serves.
Static files are collected into LOAD_STATIC_ROOT and served by WhiteNoise as in production.
"""

import os
from pathlib import Path

from send_portal.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ROOT_URLCONF = "bench.load.urls"
if os.environ.get("LOAD_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["LOAD_STATIC_ROOT"])
