"""Faults, for real: PostgreSQL stopping under a running portal, an update cut off midway, two
officers saving at the same moment, and the reminder command run twice at once.

Each test runs against its own copy of a populated database in the throwaway cluster (conftest.py),
served by gunicorn with two worker processes where a server is needed.
"""

import contextlib
import re
import subprocess
import sys
import threading
import time

import pytest

from actions.models import Action, ProgressUpdate, Reminder

from .conftest import OFFICER, ROOT, SECOND_OFFICER, portal_environment, run_scenario

UPDATES = ProgressUpdate._meta.db_table
UPDATE_HISTORY = ProgressUpdate.history.model._meta.db_table
ACTIONS = Action._meta.db_table
ACTION_HISTORY = Action.history.model._meta.db_table


def snapshot(cluster, dbname: str, action: int) -> dict:
    """What a progress update writes: its row, its history row, the action and the action's history."""
    with cluster.connect(dbname) as conn:
        count = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in (UPDATES, UPDATE_HISTORY)}
        count[ACTION_HISTORY] = conn.execute(
            f'SELECT count(*) FROM "{ACTION_HISTORY}" WHERE id = %s', [action]
        ).fetchone()[0]
        count["action"] = conn.execute(f'SELECT status, version FROM "{ACTIONS}" WHERE id = %s', [action]).fetchone()
    return count


def wait_for_lock_waiters(cluster, dbname: str, n: int, timeout: float = 30) -> list[str]:
    """Wait until `n` sessions in `dbname` are waiting for a lock; return what they are running."""
    deadline = time.monotonic() + timeout
    with cluster.connect(autocommit=True) as conn:
        while True:
            rows = conn.execute(
                "SELECT query FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'", [dbname]
            ).fetchall()
            if len(rows) >= n:
                return [row[0] for row in rows]
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(rows)} of {n} sessions reached the lock within {timeout} s")
            time.sleep(0.05)


def assert_503_in_the_layout(page):
    assert page.status == 503, page.text[:500]
    for landmark in ("Sorry, the service is unavailable", 'class="govuk-skip-link"', "govuk-header", "govuk-footer"):
        assert landmark in page.text
    assert 'href="/find-support/"' in page.text and "/static/css/portal.css" in page.text


class InBackground(threading.Thread):
    """Run `fn` in a thread and keep what it returned (or raised)."""

    def __init__(self, fn, *args):
        super().__init__(daemon=True)
        self.fn, self.args, self.result, self.error = fn, args, None, None
        self.start()

    def run(self):
        try:
            self.result = self.fn(*self.args)
        except BaseException as exc:  # reported by value()
            self.error = exc

    def value(self, timeout: float = 60):
        self.join(timeout)
        assert not self.is_alive(), "the request did not finish"
        if self.error:
            raise self.error
        return self.result


# --- PostgreSQL stops while the portal runs ---------------------------------------------------


def test_postgresql_stopping_gives_503_pages_in_the_layout_and_the_portal_recovers_by_itself(
    pg_cluster, portal_db, serve
):
    server = serve(portal_db.url)
    action = portal_db.facts["action"]
    officer = server.browser()
    officer.sign_in(*OFFICER)
    public = server.browser()
    pages = ["/", "/plan/", "/find-support/", "/find-support/?q=autism", f"/actions/{action}/", "/governance/reports/"]
    for _ in range(2):  # twice, so both workers hold a database connection when it goes away
        for path in pages:
            assert officer.get(path).status == 200, path
    form = officer.form(f"/actions/{action}/progress/")
    before = snapshot(pg_cluster, portal_db.name, action)

    pg_cluster.stop("immediate")  # as if the server crashed
    try:
        for browser in (officer, public):
            for path in pages:
                assert_503_in_the_layout(browser.get(path))
        health = public.get("/healthz")
        assert health.status == 503 and b'"database": "error"' in health.body
        assert public.get("/static/css/portal.css").status == 200  # static files need no database
        saved = officer.post(
            f"/actions/{action}/progress/", {**form, "status": "on_track", "narrative": "Sent during the outage."}
        )
        assert_503_in_the_layout(saved)
    finally:
        pg_cluster.start()

    # The same gunicorn, not restarted: every page answers again at once.
    assert server.process.poll() is None
    assert public.get("/healthz").status == 200
    for _ in range(3):
        for path in pages:
            assert officer.get(path).status == 200, path
    assert snapshot(pg_cluster, portal_db.name, action) == before  # the update sent during the outage left nothing
    # The outage is in the logs, with the request id the page was answered with.
    logged = [line for line in server.log_lines() if line.get("message") == "Database unavailable: answering 503"]
    assert saved.request_id in {line.get("request_id") for line in logged}


def test_a_write_cut_off_by_the_database_going_down_leaves_nothing_half_written(pg_cluster, portal_db, serve):
    server = serve(portal_db.url)
    action = portal_db.facts["action"]
    officer = server.browser()
    officer.sign_in(*OFFICER)
    form = officer.form(f"/actions/{action}/progress/")
    before = snapshot(pg_cluster, portal_db.name, action)

    # Hold up the update's last write (the action's history row), so the server dies in the middle.
    blocker = pg_cluster.connect(portal_db.name)
    blocker.execute(f'LOCK TABLE "{ACTION_HISTORY}" IN EXCLUSIVE MODE')
    post = InBackground(
        officer.post, f"/actions/{action}/progress/", {**form, "status": "on_track", "narrative": "Cut off."}
    )
    [waiting] = wait_for_lock_waiters(pg_cluster, portal_db.name, 1)
    assert f'INSERT INTO "{ACTION_HISTORY}"' in waiting  # the update, its history and the action are written
    pg_cluster.stop("immediate")
    try:
        assert_503_in_the_layout(post.value())
    finally:
        pg_cluster.start()
        with contextlib.suppress(Exception):  # its server went away under it
            blocker.close()

    assert snapshot(pg_cluster, portal_db.name, action) == before


# --- An update interrupted midway -------------------------------------------------------------


@pytest.mark.parametrize("fail_at", ["after_update", "last_write"])
def test_a_progress_update_interrupted_midway_leaves_neither_the_update_nor_a_history_row(
    pg_cluster, portal_db, fail_at
):
    action = portal_db.facts["action"]
    before = snapshot(pg_cluster, portal_db.name, action)
    answer = run_scenario("interrupted_progress", portal_db.url, action=action, username=OFFICER[0], fail_at=fail_at)
    assert answer["interrupted"]
    assert snapshot(pg_cluster, portal_db.name, action) == before


def test_the_same_update_not_interrupted_writes_all_four_rows(pg_cluster, portal_db):
    # The control for the test above: the snapshot does see an update's writes.
    action = portal_db.facts["action"]
    before = snapshot(pg_cluster, portal_db.name, action)
    assert run_scenario("interrupted_progress", portal_db.url, action=action, username=OFFICER[0], fail_at="none") == {
        "interrupted": None
    }
    after = snapshot(pg_cluster, portal_db.name, action)
    assert after[UPDATES] == before[UPDATES] + 1 and after[UPDATE_HISTORY] == before[UPDATE_HISTORY] + 1
    assert after[ACTION_HISTORY] == before[ACTION_HISTORY] + 1
    assert after["action"] == ("on_track", before["action"][1] + 1)


# --- Two officers at the same moment ----------------------------------------------------------


def test_two_officers_saving_at_the_same_moment_one_wins_the_other_is_told_and_keeps_their_words(
    pg_cluster, portal_db, serve
):
    server = serve(portal_db.url, workers=2)  # one worker process for each officer
    action = portal_db.facts["action"]
    url = f"/actions/{action}/progress/"
    first, second = server.browser(), server.browser()
    first.sign_in(*OFFICER)
    second.sign_in(*SECOND_OFFICER)
    forms = [first.form(url), second.form(url)]
    version = int(forms[0]["version"])
    assert int(forms[1]["version"]) == version  # both read version N
    words = ["Olive: the new post is advertised.", "Omar: interviews are booked for next week."]
    before = snapshot(pg_cluster, portal_db.name, action)

    # Both submissions wait on the action's row lock, then go at once.
    blocker = pg_cluster.connect(portal_db.name)
    blocker.execute(f'SELECT id FROM "{ACTIONS}" WHERE id = %s FOR UPDATE', [action])
    posts = [
        InBackground(browser.post, url, {**form, "status": "on_track", "narrative": text})
        for browser, form, text in zip((first, second), forms, words, strict=True)
    ]
    wait_for_lock_waiters(pg_cluster, portal_db.name, 2)
    blocker.rollback()
    blocker.close()
    pages = [post.value() for post in posts]

    assert sorted(page.status for page in pages) == [302, 409]
    winner, loser = (0, 1) if pages[0].status == 302 else (1, 0)
    conflict = pages[loser]
    assert "changed while you were editing" in conflict.text
    assert conflict.textarea("narrative") == words[loser]  # the loser's words come back to them
    with pg_cluster.connect(portal_db.name) as conn:
        saved = conn.execute(f'SELECT narrative FROM "{UPDATES}" WHERE action_id = %s', [action]).fetchall()
    assert [row[0] for row in saved if row[0] in words] == [words[winner]]
    assert snapshot(pg_cluster, portal_db.name, action)["action"][1] == version + 1

    # Sending again from the conflict page (it carries the new version) saves the loser's words too.
    browser = (first, second)[loser]
    resend = {**conflict.hidden_inputs(), "status": "on_track", "narrative": conflict.textarea("narrative")}
    assert int(resend["version"]) == version + 1
    assert browser.post(url, resend).status == 302
    with pg_cluster.connect(portal_db.name) as conn:
        narratives = {row[0] for row in conn.execute(f'SELECT narrative FROM "{UPDATES}"')}
    assert set(words) <= narratives
    after = snapshot(pg_cluster, portal_db.name, action)
    assert after[UPDATES] == before[UPDATES] + 2 and after["action"][1] == version + 2


# --- The reminder command twice at once ------------------------------------------------------


def send_reminders(database_url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders", *args],
        cwd=ROOT,
        env=portal_environment(database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_the_reminder_command_run_twice_at_once_sends_each_reminder_once(pg_cluster, portal_db):
    dry = send_reminders(portal_db.url, "--dry-run")
    out, err = dry.communicate(timeout=120)
    assert dry.returncode == 0, err
    expected = sorted(re.findall(r"Would remind (\S+)", out))
    assert len(expected) >= 2, out  # both officers lead actions with no update this period

    # Both runs reach their first reminder, wait on the table, then go at once.
    blocker = pg_cluster.connect(portal_db.name)
    blocker.execute(f'LOCK TABLE "{Reminder._meta.db_table}" IN EXCLUSIVE MODE')
    runs = [send_reminders(portal_db.url), send_reminders(portal_db.url)]
    try:
        wait_for_lock_waiters(pg_cluster, portal_db.name, 2, timeout=60)
    finally:
        blocker.rollback()
        blocker.close()
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        outputs.append(out)

    sent_to = sorted(re.findall(r"^To: (\S+)$", "".join(outputs), re.M))
    assert sent_to == expected  # each person once, across both runs
    totals = [re.search(r"Reminders sent: (\d+); already sent today: (\d+)", out).groups() for out in outputs]
    assert sum(int(sent) for sent, _ in totals) == len(expected)
    assert sum(int(skipped) for _, skipped in totals) == len(expected)  # each run met the other's claims
    with pg_cluster.connect(portal_db.name) as conn:
        rows = conn.execute(f'SELECT count(*) FROM "{Reminder._meta.db_table}"').fetchone()[0]
    assert rows == len(expected)
