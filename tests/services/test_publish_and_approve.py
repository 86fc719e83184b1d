"""Who may publish and approve is one rule (`cms.roles.roles_that_publish_and_approve`):
the municipal review is offered to exactly the users Wagtail lets publish the service."""

import pytest

from cms.roles import PageScope, Role, roles_that_publish_and_approve
from services.models import MunicipalReviewTask
from services.models.workflows import may_publish_and_approve

pytestmark = pytest.mark.django_db


def test_the_rule_as_declared_in_roles():
    assert roles_that_publish_and_approve(PageScope.ROOT) == {Role.MAINTAINER}
    assert roles_that_publish_and_approve(PageScope.MUNICIPALITY) == {
        Role.PRODUCER,
        Role.MUNICIPALITY_MAIN_USER,
    }
    assert roles_that_publish_and_approve(PageScope.PROVIDER) == set()
    assert roles_that_publish_and_approve(PageScope.TRANSLATIONS) == set()
    assert roles_that_publish_and_approve(PageScope.NONE) == set()


USERS = (
    "yllapito-maintainer",
    "helsinki-main",
    "helsinki-producer",
    "helsinki-expert",
    "espoo-main",
    "espoo-producer",
    "yllapito-translator",
    "raasepori-translator",
    "raasepori-producer",
    "{provider}-main",
    "{provider}-editor",
)


@pytest.mark.parametrize("username", USERS)
def test_approvers_are_the_publishers(services, sv_pair, user, username):
    fi_helsinki = services("helsinki")
    _fi_raasepori, sv_raasepori = sv_pair
    for page in (fi_helsinki, sv_raasepori):
        actor = user(username.format(provider=page.provider.slug))
        approves = may_publish_and_approve(actor, page)
        assert approves == page.permissions_for_user(actor).can_publish(), (username, page)


def test_the_task_offers_its_actions_to_the_same_users(services, user):
    page = services("helsinki")
    task = MunicipalReviewTask(name="check")
    for username in USERS:
        actor = user(username.format(provider=page.provider.slug))
        assert bool(task.get_actions(page, actor)) == may_publish_and_approve(actor, page)
