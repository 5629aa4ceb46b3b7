"""The portal's settings for a gunicorn that tests start on loopback over plain http.

Everything is the production settings module, except what plain http without a TLS terminator
and without `collectstatic` needs, and a fast password hasher for the test accounts.
"""

from send_portal.settings import *  # noqa: F403

# No TLS here: cookies must come back over http.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Static files from their source folders (no manifest to collect first), served by WhiteNoise.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
