"""Fixtures of the policies tests.

Messages and reasons are asserted in English (the source strings): the Finnish and Swedish
catalogues may translate them at any time.
"""

import pytest
from django.utils import translation

from cms.models import Organisation
from policies.models import (
    Attendance,
    ContentCase,
    Decision,
    KnowledgeTransferBreach,
    Meeting,
    PartnerContact,
    PolicyPage,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def partners(db):
    """The five partner municipalities by slug (cost shares 39.47/32.05/21.36/5.04/2.08)."""
    return {org.slug: org for org in Organisation.objects.municipalities()}


@pytest.fixture
def no_monitoring(db):
    """Start from no monitoring records (the demo world has some); rolled back afterwards."""
    Attendance.objects.all().delete()
    Meeting.objects.all().delete()
    ContentCase.objects.all().delete()
    KnowledgeTransferBreach.objects.all().delete()
    PartnerContact.objects.all().delete()
    PolicyPage.objects.update(decision=None)
    Decision.objects.all().delete()
