from .contacts import Contact, ContactVisibility
from .pages import (
    Lifecycle,
    MunicipalityFolderPage,
    ProviderFolderPage,
    RelatedService,
    ServiceIndexPage,
    ServiceLanguage,
    ServicePage,
)
from .taxonomies import (
    Audience,
    ClientSituation,
    EmploymentStatus,
    ImplementationType,
    Language,
    LanguageLevel,
    LocationAccessibility,
    Municipality,
    ServiceAccessibility,
    ServiceCategory,
    TargetGroup,
    Taxonomy,
)

__all__ = [
    "Audience",
    "ClientSituation",
    "Contact",
    "ContactVisibility",
    "EmploymentStatus",
    "ImplementationType",
    "Language",
    "LanguageLevel",
    "LocationAccessibility",
    "Municipality",
    "MunicipalityFolderPage",
    "ProviderFolderPage",
    "RelatedService",
    "ServiceAccessibility",
    "ServiceCategory",
    "ServiceIndexPage",
    "ServiceLanguage",
    "ServicePage",
    "TargetGroup",
    "Taxonomy",
]

from .pipeline import (  # noqa: E402
    ChangeRequest,
    ChangeRequestEvent,
    ChangeRequestSection,
    ChangeRequestStatus,
    Favourite,
    HolidayPeriod,
    SentNotification,
    ServiceList,
    ServiceListItem,
)
from .workflows import MunicipalReviewTask  # noqa: E402

__all__ += [
    "ChangeRequest",
    "ChangeRequestEvent",
    "ChangeRequestSection",
    "ChangeRequestStatus",
    "Favourite",
    "HolidayPeriod",
    "Lifecycle",
    "MunicipalReviewTask",
    "SentNotification",
    "ServiceList",
    "ServiceListItem",
]
