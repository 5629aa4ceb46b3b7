"""Benchmark suites by area. Each takes the parsed arguments and yields Results."""

from django.core.management import call_command

from . import actions, provision, reports, snapshot
from .harness import time_get


def home(args):
    call_command("seed", verbosity=0)
    yield time_get("home page", "/", size="seed data", n=args.n)
    yield time_get("our plan (current strategy)", "/plan/", size="seed data", n=args.n)


SUITES = {
    "home": home,
    "actions": actions.run,
    "provision": provision.run,
    "reports": reports.run,
    "snapshot": snapshot.run,
}
