"""The demo accounts `make run` creates. Their passwords are published in the README, so with
debug off (a real deployment) they are refused at sign-in (send_portal/auth.py)."""

from .roles import BOARD_MEMBER, OFFICER, PROGRAMME_MANAGER

DEMO_ACCOUNTS = [
    # username, password, role, first name, last name
    ("officer", "officer-demo-pass", OFFICER, "Olive", "Officer"),
    ("manager", "manager-demo-pass", PROGRAMME_MANAGER, "Priya", "Manager"),
    ("board", "board-demo-pass", BOARD_MEMBER, "Bola", "Member"),
]
PUBLISHED_PASSWORDS = {username: password for username, password, *_ in DEMO_ACCOUNTS}


def is_published_password(username: str | None, password: str | None) -> bool:
    """Whether this is a demo account's published username and password (public, so no secret)."""
    return password is not None and PUBLISHED_PASSWORDS.get(username) == password
