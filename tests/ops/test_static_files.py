"""Static files as production serves them: collected with hashed names, cached for a year by
browsers and proxies, and compressed (brotli where the browser takes it, else gzip)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def collected(settings, tmp_path):
    """The production storage (hashed names, compressed copies) collected into a temporary folder."""
    from send_portal import settings as production  # debug off, as the tests run

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": production.STORAGES["staticfiles"]}
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_hashed_static_files_are_cached_for_a_year_and_compressed(collected):
    client = Client()  # a new handler, so WhiteNoise reads the collected folder
    page = client.get("/").content.decode()
    [css] = re.findall(r'href="(/static/govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css)"', page)

    brotli = client.get(css, HTTP_ACCEPT_ENCODING="br, gzip")
    assert brotli.status_code == 200
    assert brotli["Content-Encoding"] == "br"
    assert brotli["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in brotli["Vary"]

    gzip = client.get(css, HTTP_ACCEPT_ENCODING="gzip")
    assert gzip["Content-Encoding"] == "gzip"
    plain = client.get(css)
    assert "Content-Encoding" not in plain
    assert int(brotli["Content-Length"]) < int(plain["Content-Length"]) / 4

    # An unhashed name may change under the same address: it is cached briefly, never "immutable".
    unhashed = client.get("/static/govuk/govuk-frontend.min.css")
    assert unhashed.status_code == 200
    assert "immutable" not in unhashed["Cache-Control"]


@pytest.mark.django_db
def test_the_module_script_imports_gov_uk_frontend_by_its_hashed_name(collected):
    client = Client()
    page = client.get("/").content.decode()
    [script] = re.findall(r'<script type="module" src="(/static/js/portal\.[0-9a-f]{12}\.js)"', page)
    module = client.get(script)
    body = b"".join(module.streaming_content if module.streaming else [module.content]).decode()
    [imported] = re.findall(r'from "([^"]+)"', body)
    assert re.fullmatch(r"\.\./govuk/govuk-frontend\.min\.[0-9a-f]{12}\.js", imported)

    library = client.get("/static/govuk/" + imported.removeprefix("../govuk/"))
    assert library.status_code == 200
    assert library["Cache-Control"] == "max-age=315360000, public, immutable"
