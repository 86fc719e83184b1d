"""The demo world (built by the demo builder, as seed_demo builds it) has the seed synonyms,
and its search uses them."""

import pytest

from search import synonyms
from search.models import SynonymSet

pytestmark = pytest.mark.django_db


def test_the_demo_world_has_the_seed():
    assert SynonymSet.objects.count() == len(synonyms.read_seed())
    assert synonyms.load_seed().created == 0


def test_the_maintainers_roles_get_the_synonym_permissions(user):
    maintainer, producer = user("yllapito-maintainer"), user("helsinki-producer")
    for action in ("add", "change", "delete", "view"):
        assert maintainer.has_perm(f"search.{action}_synonymset")
        assert not producer.has_perm(f"search.{action}_synonymset")
