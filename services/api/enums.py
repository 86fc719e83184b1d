"""The catalogue's enums. Names and values are the API contract (graphql/schema.graphql)."""

import graphene

from ..models import ChangeRequestSection, Lifecycle
from ..vocabularies import VOCABULARIES


class LifecycleState(graphene.Enum):
    """draft, in review, published, outdated (still public, flagged) or archived."""

    draft = Lifecycle.DRAFT.value
    in_review = Lifecycle.IN_REVIEW.value
    published = Lifecycle.PUBLISHED.value
    outdated = Lifecycle.OUTDATED.value
    archived = Lifecycle.ARCHIVED.value


# The vocabularies of services.vocabularies, in its order: the registry's key is the
# enum's name, the model's name its value. (A class, as declared by hand before the
# registry: the functional `graphene.Enum(...)` would add a description to the contract.)
Vocabulary = type(
    "Vocabulary",
    (graphene.Enum,),
    {vocabulary.key: vocabulary.model_name for vocabulary in VOCABULARIES},
)
VOCABULARY_MODELS = {vocabulary.model_name: vocabulary.model for vocabulary in VOCABULARIES}


class ServiceOrder(graphene.Enum):
    TITLE = "title"
    TITLE_DESC = "-title"
    LAST_PUBLISHED = "-last_published_at"
    RELEVANCE = "relevance"


ChangeRequestSectionEnum = graphene.Enum(
    "ChangeRequestSection", [(c.name, c.value) for c in ChangeRequestSection]
)
