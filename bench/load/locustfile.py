"""The load profile: parents searching the directory, officers recording progress, board members
reading reports. Run by bench/load/run.sh; see README "Deploying" for the figures it prints.

The profile follows the Department for Education's for its family-hubs directory: 400 concurrent
users for the load test and 525 for stress, mostly parents searching and opening services. Each
simulated person waits 5 to 15 seconds between pages (about one request every 10 seconds per
active user, the assumption in DfE's published volumetrics); LOAD_WAIT="min,max" changes it.

Requests are named by page type, so the figures come out per page type. LOAD_MANIFEST names the
JSON file that bench/load/populate.py wrote (accounts, action ids, service ids, search terms).
"""

import json
import os
import random
import re
import time

import gevent
from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

MANIFEST = json.loads(open(os.environ.get("LOAD_MANIFEST", "manifest.json")).read())  # noqa: SIM115
_low, _high = (float(x) for x in os.environ.get("LOAD_WAIT", "5,15").split(","))
THINK = between(_low, _high) if _high > 0 else constant(0)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
SERVICE_LINK = re.compile(r'href="(/find-support/services/[0-9a-f-]{36}/)"')


def stagger():
    """Begin at a random moment within one think time, so that users do not all arrive at once
    when they are started (a burst that no real audience makes)."""
    if _high > 0:
        gevent.sleep(random.uniform(0, _high))


def csrf(response) -> str:
    match = CSRF.search(response.text or "")
    return match.group(1) if match else ""


class Parent(FastHttpUser):
    """A parent or young person: searches the directory and opens services. No account."""

    weight = 90
    wait_time = THINK

    def on_start(self):
        self.seen = []
        stagger()

    def _search(self, query: str, name: str):
        with self.client.get(f"/find-support/{query}", name=name, catch_response=True) as response:
            if response.status_code == 200:
                self.seen = SERVICE_LINK.findall(response.text or "")[:10] or self.seen
                response.success()

    @task(3)
    def search_keyword(self):
        self._search(f"?q={random.choice(MANIFEST['keywords']).replace(' ', '+')}", "search (keyword)")

    @task(3)
    def search_filters(self):
        query = f"?need={random.choice(MANIFEST['needs'])}&age={random.randint(0, 18)}"
        if random.random() < 0.5:
            query += f"&area={random.choice(MANIFEST['areas'])}"
        self._search(query, "search (filters)")

    @task(1)
    def directory_start(self):
        self._search("", "search (start page)")

    @task(5)
    def open_service(self):
        path = random.choice(self.seen) if self.seen else None
        path = path or f"/find-support/services/{random.choice(MANIFEST['services'])}/"
        self.client.get(path, name="service page")

    @task(1)
    def home(self):
        self.client.get("/", name="home")

    @task(1)
    def plan(self):
        self.client.get("/plan/", name="our plan")


class _SignedIn(FastHttpUser):
    abstract = True
    wait_time = THINK

    def sign_in(self, username: str):
        page = self.client.get("/sign-in", name="sign in (form)")
        self.client.post(
            "/sign-in",
            data={"csrfmiddlewaretoken": csrf(page), "username": username, "password": MANIFEST["password"]},
            headers={"Referer": self.host + "/sign-in"},
            name="sign in",
            allow_redirects=False,
        )


class Officer(_SignedIn):
    """An officer recording progress on the actions they lead (two may share an action)."""

    weight = 8

    def on_start(self):
        account = random.choice(MANIFEST["officers"])
        self.actions = account["actions"]
        stagger()
        self.sign_in(account["username"])

    @task(2)
    def my_actions(self):
        self.client.get("/actions/mine/", name="my actions")

    @task(2)
    def action_page(self):
        self.client.get(f"/actions/{random.choice(self.actions)}/", name="action page")

    @task(1)
    def record_progress(self):
        path = f"/actions/{random.choice(self.actions)}/progress/"
        form = self.client.get(path, name="progress (form)")
        version = VERSION.search(form.text or "")
        data = {
            "csrfmiddlewaretoken": csrf(form),
            "version": version.group(1) if version else "",
            "status": "on_track",
            "narrative": "Load test: the task group met and agreed the next steps.",
        }
        with self.client.post(
            path,
            data=data,
            headers={"Referer": self.host + path},
            name="progress (save)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # 302: saved. 409: someone saved first; the conflict page is the right answer.
            if response.status_code in (302, 409):
                response.success()
            else:
                response.failure(f"progress save answered {response.status_code}")


class BoardMember(_SignedIn):
    """A board member reading the plan and downloading the published reports."""

    weight = 2

    def on_start(self):
        stagger()
        self.sign_in(random.choice(MANIFEST["board"]))

    @task(2)
    def reports(self):
        self.client.get("/governance/reports/", name="reports list")

    @task(2)
    def download(self):
        if MANIFEST["reports"]:
            self.client.get(random.choice(MANIFEST["reports"]), name="report PDF (published)")

    @task(1)
    def plan(self):
        self.client.get("/plan/", name="our plan")


class DraftBuilder(_SignedIn):
    """A programme manager asking for a fresh draft report PDF again and again (the heavy work).

    Each round changes the plan (a progress update), so the draft cannot be reused, then asks
    for a draft PDF. The request only queues the build: the background worker (db_worker,
    started by run.sh) builds it. Run beside parents ("pdf" profile) to see whether building
    PDFs stalls their searches."""

    fixed_count = 1
    wait_time = constant(2)

    def on_start(self):
        self.sign_in("load-manager")
        reports = self.client.get("/governance/reports/", name="reports list")
        periods = re.findall(r'href="/governance/reports/(\d+)/"', reports.text or "")
        self.period = periods[0] if periods else None
        self.actions = [action for officer in MANIFEST["officers"] for action in officer["actions"]]

    @task
    def draft_pdf(self):
        if not self.period:
            return
        path = f"/actions/{random.choice(self.actions)}/progress/"
        form = self.client.get(path, name="progress (form)")
        version = VERSION.search(form.text or "")
        self.client.post(
            path,
            data={
                "csrfmiddlewaretoken": csrf(form),
                "version": version.group(1) if version else "",
                "status": "on_track",
                # A new narrative each time: the report shows it, so the next draft is built afresh.
                "narrative": f"Load test: progress noted at {time.time():.3f}.",
            },
            headers={"Referer": self.host + path},
            name="progress (save)",
            allow_redirects=False,
        )
        report = f"/governance/reports/{self.period}/"
        page = self.client.get(report, name="report page")
        self.client.post(
            f"{report}draft-pdf/",
            data={"csrfmiddlewaretoken": csrf(page)},
            headers={"Referer": self.host + report},
            name="draft PDF (queue)",
            allow_redirects=False,
        )


class Hello(FastHttpUser):
    """The ceiling: a Django hello-world view behind the same gunicorn and middleware."""

    wait_time = THINK

    def on_start(self):
        stagger()

    @task
    def hello(self):
        self.client.get("/hello/", name="hello world")
