"""The JSON parser of the API: REST framework's, with a limit on how deep a body may nest."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers

MAX_DEPTH = 32  # far deeper than any body the API reads


class NestedTooDeep(exceptions.ParseError):
    default_code = "too_deep"


class JSONParser(parsers.JSONParser):
    """A body nested deeper than MAX_DEPTH is a 400. Python's decoder recurses once per level,
    so `[[[[…` a few thousand deep would otherwise end in a RecursionError (a 500); one that
    parses is measured without recursion, so nothing after the parser recurses that deep."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise self.too_deep() from None
        if depth(data) > MAX_DEPTH:
            raise self.too_deep()
        return data

    @staticmethod
    def too_deep() -> NestedTooDeep:
        return NestedTooDeep(
            _("The request body nests too deep: at most %(n)d levels of lists and objects.")
            % {"n": MAX_DEPTH}
        )


def depth(data) -> int:
    """How many lists and objects deep `data` nests (0 for a plain value)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest
