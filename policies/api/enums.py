"""The policies' enums: lower-case like the stored values (the API contract)."""

import graphene

from .. import rules
from ..models import DecidingBody, PolicyScope, PolicyStatus


def choices_enum(name, choices, description):
    """A GraphQL enum of a model's choices, lower-case like the stored values."""
    return graphene.Enum(
        name, [(value, value) for value in choices.values], description=description
    )


PolicyStatusEnum = choices_enum(
    "PolicyStatus", PolicyStatus, "valid, or superseded by another policy (see `successor`)."
)
PolicyScopeEnum = choices_enum("PolicyScope", PolicyScope, "What the policy covers.")
DecidingBodyEnum = choices_enum(
    "DecidingBody", DecidingBody, "The working group, or the steering group when escalated."
)
DecisionOutcomeEnum = graphene.Enum(
    "DecisionOutcome",
    [
        (value, value)
        for value in (
            rules.PENDING,
            rules.DECIDED_BY_WORKING_GROUP,
            rules.ESCALATED,
            rules.DECIDED_BY_STEERING_GROUP,
            rules.UNRESOLVED,
        )
    ],
    description="working_group / steering_group: decided there; escalated: the working group "
    "did not reach 2/3; unresolved: nor did the steering group.",
)
