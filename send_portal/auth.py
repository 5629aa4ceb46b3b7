"""The portal's authentication backend: Django's, except that with debug off a demo account's
published username and password are refused, on the sign-in page and the admin's own alike.

It checks the password just submitted, so it costs no extra hashing. Sessions in a development
database copied to a server do not survive either: they are signed with the development secret key.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from governance.demo import is_published_password


class PortalModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not settings.DEBUG and is_published_password(user.get_username(), password):
            return None
        return user
