"""The demo accounts `make run` creates. Their passwords are published in the README, so with
debug off (a real deployment) an account still using one cannot sign in."""

from django.conf import settings

from .roles import BOARD_MEMBER, OFFICER, PROGRAMME_MANAGER

DEMO_ACCOUNTS = [
    # username, password, role, first name, last name
    ("officer", "officer-demo-pass", OFFICER, "Olive", "Officer"),
    ("manager", "manager-demo-pass", PROGRAMME_MANAGER, "Priya", "Manager"),
    ("board", "board-demo-pass", BOARD_MEMBER, "Bola", "Member"),
]
PUBLISHED_PASSWORDS = {username: password for username, password, *_ in DEMO_ACCOUNTS}


def uses_published_password(user) -> bool:
    """Whether `user` is a demo account that still has its published password."""
    password = PUBLISHED_PASSWORDS.get(user.get_username())
    return password is not None and user.check_password(password)


def may_sign_in(user) -> bool:
    return settings.DEBUG or not uses_published_password(user)
