"""Settings are read strictly from the environment: a bad value stops start-up, naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 30 + "production-like-secret-key-with-enough-entropy-1234567890",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DJANGO_DEBUG": "0",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({"DATABASE_CONN_MAX_AGE": "soon"}, "DATABASE_CONN_MAX_AGE"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"AXES_FAILURE_LIMIT": "-3"}, "AXES_FAILURE_LIMIT"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"REDIS_URL": "cache:6379"}, "REDIS_URL"),
        ({"PAGE_CACHE_SECONDS": "ten minutes"}, "PAGE_CACHE_SECONDS"),
        ({"SITE_URL": "portal.example.org"}, "SITE_URL"),
        ({"DJANGO_CSRF_TRUSTED_ORIGINS": "portal.example.org"}, "DJANGO_CSRF_TRUSTED_ORIGINS"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(env, named):
    result = run_manage("check", env={**PRODUCTION_ENV, **env})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_demo_accounts_refuse_when_debug_is_off():
    result = run_manage("demo_accounts", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "development only" in result.stderr


def test_every_variable_the_settings_read_is_in_env_example():
    import re

    read = set()
    for source in ["send_portal/settings.py", "send_portal/logging.py", "gunicorn.conf.py"]:
        text = (ROOT / source).read_text()
        read |= set(re.findall(r"""(?:env_\w+|_positive_int|os\.environ\.get)\(\s*["']([A-Z_]+)["']""", text))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set()
    assert {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL", "WEB_CONCURRENCY"} <= read
