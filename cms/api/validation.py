"""Limits on GraphQL documents, checked by validation before anything executes.

graphene-django's `validation_rules` REPLACES graphql-core's standard rules, so the view
passes `validation_rules()`: the standard `specified_rules` plus ours (without the
standard ones `{ noSuchField }` would answer 200 with empty data).

- Depth: the longest chain of nested fields of an operation (`{ a { b } }` is 2),
  fragments followed. Introspection (`__schema`, `__type`) has its own, fixed limit:
  the standard introspection query of GraphiQL and code generators is 15 deep.
- Aliases: every aliased field an operation would execute, fragments counted each
  time they are spread (so one fragment spread 10 times cannot multiply the limit).
- Introspection: off unless settings.GRAPHQL_INTROSPECTION (graphql-core's
  NoSchemaIntrospectionCustomRule; `__typename` stays allowed).

Fragment cycles are reported by the standard NoFragmentCyclesRule; these rules only
make sure they terminate on them. The limits are read from settings per validation.
"""

from django.conf import settings
from graphql.error import GraphQLError
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.language.visitor import SKIP
from graphql.validation import (
    NoSchemaIntrospectionCustomRule,
    ValidationRule,
    specified_rules,
)

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
INTROSPECTION_MAX_DEPTH = 20


def _operation_label(node: OperationDefinitionNode) -> str:
    return f"Operation '{node.name.value}'" if node.name else "The query"


class _DocumentWalker:
    """Measures selection sets with fragments followed, each fragment measured once
    (memoised: a chain of fragments spread twice each stays linear, not exponential)."""

    def __init__(self, context):
        self.context = context
        self._depths: dict[str, tuple[int, int]] = {}
        self._aliases: dict[str, int] = {}
        self._in_progress: set[tuple[str, str]] = set()

    def _fragment(self, name: str) -> FragmentDefinitionNode | None:
        return self.context.get_fragment(name)

    # --- depth ---------------------------------------------------------------------------
    def depth(self, selection_set: SelectionSetNode | None) -> tuple[int, int]:
        """(depth of regular fields, depth of introspection fields) below a selection set."""
        regular = introspection = 0
        if selection_set is None:
            return regular, introspection
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                below_regular, below_introspection = self.depth(selection.selection_set)
                if selection.name.value in INTROSPECTION_FIELDS:
                    introspection = max(introspection, 1 + max(below_regular, below_introspection))
                else:
                    regular = max(regular, 1 + below_regular)
                    if below_introspection:  # only in invalid documents
                        introspection = max(introspection, 1 + below_introspection)
            elif isinstance(selection, InlineFragmentNode):
                below_regular, below_introspection = self.depth(selection.selection_set)
                regular = max(regular, below_regular)
                introspection = max(introspection, below_introspection)
            elif isinstance(selection, FragmentSpreadNode):
                below_regular, below_introspection = self._fragment_depth(selection.name.value)
                regular = max(regular, below_regular)
                introspection = max(introspection, below_introspection)
        return regular, introspection

    def _fragment_depth(self, name: str) -> tuple[int, int]:
        if name in self._depths:
            return self._depths[name]
        fragment = self._fragment(name)
        key = ("depth", name)
        if fragment is None or key in self._in_progress:
            return 0, 0  # unknown fragment or a cycle: the standard rules report both
        self._in_progress.add(key)
        try:
            result = self.depth(fragment.selection_set)
        finally:
            self._in_progress.discard(key)
        self._depths[name] = result
        return result

    # --- aliases -------------------------------------------------------------------------
    def aliases(self, selection_set: SelectionSetNode | None) -> int:
        count = 0
        if selection_set is None:
            return count
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                count += (selection.alias is not None) + self.aliases(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                count += self.aliases(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                count += self._fragment_aliases(selection.name.value)
        return count

    def _fragment_aliases(self, name: str) -> int:
        if name in self._aliases:
            return self._aliases[name]
        fragment = self._fragment(name)
        key = ("aliases", name)
        if fragment is None or key in self._in_progress:
            return 0
        self._in_progress.add(key)
        try:
            result = self.aliases(fragment.selection_set)
        finally:
            self._in_progress.discard(key)
        self._aliases[name] = result
        return result


class MaxDepthRule(ValidationRule):
    """Refuse operations nested deeper than settings.GRAPHQL_MAX_DEPTH."""

    def __init__(self, context):
        super().__init__(context)
        self.max_depth = settings.GRAPHQL_MAX_DEPTH
        self.walker = _DocumentWalker(context)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        depth, introspection_depth = self.walker.depth(node.selection_set)
        if depth > self.max_depth:
            self.report_error(
                GraphQLError(f"Query depth {depth} exceeds the limit of {self.max_depth}.", node)
            )
        if introspection_depth > INTROSPECTION_MAX_DEPTH:
            self.report_error(
                GraphQLError(
                    f"Introspection depth {introspection_depth} exceeds the limit of "
                    f"{INTROSPECTION_MAX_DEPTH}.",
                    node,
                )
            )
        return SKIP

    def enter_fragment_definition(self, *_args):
        return SKIP  # measured where they are spread


class MaxAliasesRule(ValidationRule):
    """Refuse operations with more aliased fields than settings.GRAPHQL_MAX_ALIASES."""

    def __init__(self, context):
        super().__init__(context)
        self.max_aliases = settings.GRAPHQL_MAX_ALIASES
        self.walker = _DocumentWalker(context)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        count = self.walker.aliases(node.selection_set)
        if count > self.max_aliases:
            self.report_error(
                GraphQLError(
                    f"{_operation_label(node)} uses {count} aliases, more than the limit of "
                    f"{self.max_aliases}.",
                    node,
                )
            )
        return SKIP

    def enter_fragment_definition(self, *_args):
        return SKIP


def validation_rules() -> tuple[type[ValidationRule], ...]:
    """The rules the GraphQL view validates with: the standard ones plus ours."""
    rules = (*specified_rules, MaxDepthRule, MaxAliasesRule)
    if not settings.GRAPHQL_INTROSPECTION:
        rules += (NoSchemaIntrospectionCustomRule,)
    return rules
