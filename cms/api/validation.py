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
- Cost: an estimate of the values an operation could return, before it runs (refused over
  settings.GRAPHQL_MAX_COST). Every field counts once per object it is selected on, and
  list sizes multiply along the path: a list field counts as many elements as its page
  argument (`limit` or `first`: literal, variable or the argument's default) allows, or,
  directly inside a page wrapper (`services(limit: 100) { items }`), the wrapper's page
  argument, else DEFAULT_LIST_SIZE. So `services(limit: 100) { items { id title } }` is
  1 (services) + 100 × (1 + 2) = 301. Aliases and repeated selections count each time,
  fragments are followed (each measured once per page size, so it stays linear) and
  introspection fields count 1. The cost depends on the request's variables, so
  MaxCostRule is not part of `validation_rules()` (the view caches that validation per
  query text): the view runs `cost_errors()` per request after it.

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
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql.language.visitor import SKIP
from graphql.type import is_list_type, is_non_null_type
from graphql.utilities import TypeInfo
from graphql.validation import (
    NoSchemaIntrospectionCustomRule,
    ValidationContext,
    ValidationRule,
    specified_rules,
)

from .errors import COST_LIMIT, api_error, bad_input

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
INTROSPECTION_MAX_DEPTH = 20
# Cost: the arguments that set a list's page size, and the size assumed for a list
# without one (terms of a service, related services, a user's favourites, ...).
PAGE_ARGUMENTS = ("limit", "first")
DEFAULT_LIST_SIZE = 10


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
                bad_input(f"Query depth {depth} exceeds the limit of {self.max_depth}.", nodes=node)
            )
        if introspection_depth > INTROSPECTION_MAX_DEPTH:
            self.report_error(
                bad_input(
                    f"Introspection depth {introspection_depth} exceeds the limit of "
                    f"{INTROSPECTION_MAX_DEPTH}.",
                    nodes=node,
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
                bad_input(
                    f"{_operation_label(node)} uses {count} aliases, more than the limit of "
                    f"{self.max_aliases}.",
                    nodes=node,
                )
            )
        return SKIP

    def enter_fragment_definition(self, *_args):
        return SKIP


class _CostWalker:
    """Estimated cost of selection sets (see the module docstring), with the variables of
    one request. Fragment costs are memoised per (fragment, inherited page size): the
    cost of a selection set is per object, and the caller multiplies."""

    def __init__(self, context, operation: OperationDefinitionNode, variables: dict):
        self.context = context
        self.schema = context.schema
        self.variables = variables
        self.variable_defaults = {
            definition.variable.name.value: definition.default_value
            for definition in operation.variable_definitions or ()
        }
        self._fragments: dict[tuple[str, int | None], int] = {}
        self._in_progress: set[str] = set()

    def cost(self, parent_type, selection_set: SelectionSetNode | None, page_size=None) -> int:
        """Cost of one object of `parent_type` with this selection; `page_size` is the size
        of the lists directly in it when it is a page wrapper."""
        total = 0
        if selection_set is None:
            return total
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(parent_type, selection, page_size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                type_ = self.schema.get_type(condition.name.value) if condition else parent_type
                total += self.cost(type_, selection.selection_set, page_size)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, page_size)
        return total

    def _fragment(self, name: str, page_size) -> int:
        key = (name, page_size)
        if key in self._fragments:
            return self._fragments[key]
        fragment = self.context.get_fragment(name)
        if fragment is None or name in self._in_progress:
            return 0  # unknown fragment or a cycle: the standard rules report both
        self._in_progress.add(name)
        try:
            type_ = self.schema.get_type(fragment.type_condition.name.value)
            result = self.cost(type_, fragment.selection_set, page_size)
        finally:
            self._in_progress.discard(name)
        self._fragments[key] = result
        return result

    def _field(self, parent_type, node: FieldNode, page_size) -> int:
        name = node.name.value
        field = getattr(parent_type, "fields", {}).get(name) if parent_type else None
        if field is None or name in INTROSPECTION_FIELDS:
            # __typename, introspection (bounded by the schema and its own depth limit),
            # or an unknown field (the standard rules report it).
            return 1
        own_page = self._page_size(field, node)
        type_, lists = field.type, 0
        while is_non_null_type(type_) or is_list_type(type_):
            lists += is_list_type(type_)
            type_ = type_.of_type
        if lists:
            size = own_page if own_page is not None else page_size
            elements = (DEFAULT_LIST_SIZE if size is None else size) ** lists
            return elements * (1 + self.cost(type_, node.selection_set))
        # A page wrapper (`services(limit:) { items }`) passes its page size on.
        return 1 + self.cost(type_, node.selection_set, own_page)

    def _page_size(self, field, node: FieldNode) -> int | None:
        for argument in node.arguments:
            if argument.name.value in PAGE_ARGUMENTS:
                value = self._int(argument.value)
                if value is not None:
                    return max(value, 0)
        for name in PAGE_ARGUMENTS:
            default = field.args[name].default_value if name in field.args else None
            if isinstance(default, int) and not isinstance(default, bool):
                return max(default, 0)
        return None

    def _int(self, value_node) -> int | None:
        if isinstance(value_node, VariableNode):
            name = value_node.name.value
            value = self.variables.get(name)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if value is not None:
                return None  # not an Int: refused by coercion; estimated with the default
            value_node = self.variable_defaults.get(name)
        if isinstance(value_node, IntValueNode):
            return int(value_node.value)
        return None  # null, a wrong type (the standard rules report it): the default


def _root_type(schema, operation: OperationDefinitionNode):
    return schema.get_root_type(operation.operation)


class MaxCostRule(ValidationRule):
    """Refuse operations whose estimated cost is over settings.GRAPHQL_MAX_COST. The
    request's variables are a class attribute: make a rule per request with cost_rule()."""

    variables: dict = {}

    def __init__(self, context):
        super().__init__(context)
        self.max_cost = settings.GRAPHQL_MAX_COST
        self.costs: dict[OperationDefinitionNode, int] = {}  # each operation's estimate

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        root = _root_type(self.context.schema, node)
        cost = _CostWalker(self.context, node, self.variables).cost(root, node.selection_set)
        self.costs[node] = cost
        if cost > self.max_cost:
            self.report_error(
                api_error(
                    COST_LIMIT,
                    f"{_operation_label(node)} has an estimated cost of {cost}, more than the "
                    f"limit of {self.max_cost}: ask for fewer items or fields.",
                    nodes=node,
                    cost=cost,
                    limit=self.max_cost,
                )
            )
        return SKIP

    def enter_fragment_definition(self, *_args):
        return SKIP


def cost_rule(variables: dict | None) -> type[MaxCostRule]:
    """MaxCostRule for a request with these variables (usable with graphql's validate)."""
    return type("MaxCostRule", (MaxCostRule,), {"variables": variables or {}})


def operation_costs(
    schema, document, variables: dict | None
) -> tuple[list[GraphQLError], dict[OperationDefinitionNode, int]]:
    """MaxCostRule's errors for one request and each operation's estimated cost: the rule
    called on each operation of an already validated document, without a second full
    visit of the document (the view logs the cost it checked: cms.observability)."""
    errors: list[GraphQLError] = []
    context = ValidationContext(schema, document, TypeInfo(schema), errors.append)
    rule = cost_rule(variables)(context)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            rule.enter_operation_definition(definition)
    return errors, rule.costs


def cost_errors(schema, document, variables: dict | None) -> list[GraphQLError]:
    """MaxCostRule's errors for one request (operation_costs without the costs)."""
    return operation_costs(schema, document, variables)[0]


def validation_rules() -> tuple[type[ValidationRule], ...]:
    """The rules the GraphQL view validates with: the standard ones plus ours."""
    rules = (*specified_rules, MaxDepthRule, MaxAliasesRule)
    if not settings.GRAPHQL_INTROSPECTION:
        rules += (NoSchemaIntrospectionCustomRule,)
    return rules
