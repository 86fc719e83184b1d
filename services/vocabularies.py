"""The vocabularies (taxonomies): one ordered registry, the only list of them.

Each vocabulary has a stable key, which is its name in the API (the GraphQL
`Vocabulary` enum), in the demo data (`services/demo/content.py`) and in the terms a
builder keeps, and a model (services/models/taxonomies.py). The admin's taxonomy menu
(services/viewsets.py), the demo builder and the API read this registry; the group sync
(`cms.group_sync`) gets the models' labels from services/group_scopes.py, called from
`ServicesConfig.ready`, so the roles that `manages_vocabularies` (cms/roles.py) get their
permissions without cms importing services.

A new vocabulary is a model in taxonomies.py and a line here (and its demo terms).
"""

from dataclasses import dataclass

from .models.taxonomies import (
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


@dataclass(frozen=True)
class Vocabulary:
    key: str
    model: type[Taxonomy]

    @property
    def label(self) -> str:
        """The model's label ("services.servicecategory"), as permissions name it."""
        return self.model._meta.label_lower

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name


VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary("service_category", ServiceCategory),
    Vocabulary("client_situation", ClientSituation),
    Vocabulary("target_group", TargetGroup),
    Vocabulary("audience", Audience),
    Vocabulary("implementation_type", ImplementationType),
    Vocabulary("service_accessibility", ServiceAccessibility),
    Vocabulary("location_accessibility", LocationAccessibility),
    Vocabulary("language", Language),
    Vocabulary("language_level", LanguageLevel),
    Vocabulary("employment_status", EmploymentStatus),
    Vocabulary("municipality", Municipality),
)
BY_KEY: dict[str, Vocabulary] = {vocabulary.key: vocabulary for vocabulary in VOCABULARIES}
