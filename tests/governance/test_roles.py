"""The role groups carry their permissions after one `migrate`, as in a fresh deployment."""

import pytest
from django.contrib.auth.models import Group

from governance.roles import ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", sorted(ROLE_PERMISSIONS))
def test_each_role_has_all_its_permissions_after_a_single_migrate(role):
    # The test database is built by one `migrate`, with no demo accounts command after it.
    granted = {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename")
    }
    assert set(ROLE_PERMISSIONS[role]) <= granted
