"""A small HTTP client for a portal served by gunicorn: cookies, CSRF, no redirects followed."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str
    request_id: str = field(init=False)

    def __post_init__(self):
        self.request_id = self.headers.get("x-request-id", "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def hidden_inputs(self) -> dict[str, str]:
        """The hidden fields of the page's forms (CSRF token, version)."""
        fields = {}
        for tag in re.findall(r"<input[^>]*>", self.text):
            if 'type="hidden"' in tag:
                name = re.search(r'name="([^"]+)"', tag)
                value = re.search(r'value="([^"]*)"', tag)
                if name:
                    fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
        return fields

    def textarea(self, name: str) -> str:
        match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', self.text, re.S)
        return html.unescape(match.group(1)).strip() if match else ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base_url: str, cookies: CookieJar | None = None):
        self.base_url = base_url.rstrip("/")
        self.cookies = cookies if cookies is not None else CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def _open(self, request: urllib.request.Request, timeout: float) -> Page:
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Page(
                    response.status,
                    {k.lower(): v for k, v in response.headers.items()},
                    response.read(),
                    request.full_url,
                )
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            return Page(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read(), request.full_url)

    def get(self, path: str, *, timeout: float = 30, headers: dict | None = None) -> Page:
        return self._open(urllib.request.Request(self.base_url + path, headers=headers or {}), timeout)

    def post(self, path: str, data: dict, *, timeout: float = 60) -> Page:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.base_url + path,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base_url + path},
        )
        return self._open(request, timeout)

    def form(self, path: str) -> dict[str, str]:
        page = self.get(path)
        assert page.status == 200, f"GET {path}: {page.status}"
        return page.hidden_inputs()

    def sign_in(self, username: str, password: str) -> None:
        token = self.form("/sign-in")["csrfmiddlewaretoken"]
        page = self.post("/sign-in", {"csrfmiddlewaretoken": token, "username": username, "password": password})
        assert page.status == 302, f"sign-in as {username} answered {page.status}"
