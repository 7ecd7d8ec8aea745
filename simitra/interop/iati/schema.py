"""The IATI 2.03 activity schema (the project's own copy) and validation against it.

Files are parsed without network access, DTDs or entity expansion, whatever they contain.
"""

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "iati-schema-2.03"
ACTIVITIES_XSD = SCHEMA_DIR / "iati-activities-schema.xsd"
IATI_VERSION = "2.03"

logger = logging.getLogger(__name__)


@functools.cache
def activities_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(ACTIVITIES_XSD), parser))


def safe_parser(**options) -> etree.XMLParser:
    """A parser that never reaches the network and never expands entities (no XXE, no
    billion laughs), keeping line numbers for messages."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        **options,
    )


@dataclass(frozen=True)
class Problem:
    """Something wrong, said so that a person can find and fix it."""

    message: str
    element: str = ""
    line: int | None = None
    activity: str = ""

    def __str__(self) -> str:
        where = []
        if self.activity:
            where.append(_("activity %(activity)s") % {"activity": self.activity})
        if self.line:
            where.append(_("line %(line)d") % {"line": self.line})
        if self.element:
            where.append(_("element %(element)s") % {"element": self.element})
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_dict(self) -> dict:
        return {
            "message": self.message,
            "element": self.element,
            "line": self.line,
            "activity": self.activity,
            "text": str(self),
        }


def _element_of(entry) -> str:
    """The element an error is about: the last step of its XPath, or the name quoted in the
    message."""
    path = getattr(entry, "path", "") or ""
    if path:
        return path.rsplit("/", 1)[-1]
    message = entry.message or ""
    if message.startswith("Element '"):
        return message.split("'")[1]
    return ""


def schema_problems(error_log, *, activity: str = "", limit: int = 20) -> list[Problem]:
    problems = []
    for entry in list(error_log)[:limit]:
        problems.append(
            Problem(
                message=entry.message,
                element=_element_of(entry),
                line=entry.line or None,
                activity=activity,
            )
        )
    return problems


def validate_tree(tree) -> list[Problem]:
    schema = activities_schema()
    try:
        if schema.validate(tree):
            return []
    except etree.XMLSchemaValidateError:
        # libxml2 failed inside, not the file: its words are for the log, not the report.
        logger.exception("IATI schema validation failed")
        return [Problem(_("The file cannot be checked against the IATI schema."))]
    return schema_problems(schema.error_log)


class ActivityValidator:
    """Validates one `iati-activity` element at a time inside a root element like the file's,
    so a stream of activities is checked without holding them all."""

    def __init__(self, root_attributes: dict):
        self.schema = activities_schema()
        self.wrapper = etree.Element("iati-activities", root_attributes)

    def problems(self, activity, *, label: str = "") -> list[Problem]:
        self.wrapper.append(activity)
        try:
            if self.schema.validate(self.wrapper):
                return []
            return schema_problems(self.schema.error_log, activity=label)
        finally:
            self.wrapper.remove(activity)


def validate_file(path) -> list[Problem]:
    """Validate a written file in one streaming pass (flat memory). On failure, find the
    activity and element at fault with a second, per-activity pass."""
    try:
        for _event, element in etree.iterparse(
            str(path), events=("end",), schema=activities_schema(), **_iterparse_options()
        ):
            if element.tag == "iati-activity":
                _release(element)
        return []
    except etree.XMLSyntaxError as error:
        located = _locate(path)
        return located or [Problem(message=str(error))]


def _iterparse_options() -> dict:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False}


def _release(element) -> None:
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _locate(path) -> list[Problem]:
    validator = None
    problems = []
    for event, element in etree.iterparse(
        str(path), events=("start", "end"), **_iterparse_options()
    ):
        if event == "start" and element.tag == "iati-activities" and validator is None:
            validator = ActivityValidator(dict(element.attrib))
        elif event == "end" and element.tag == "iati-activity" and validator is not None:
            label = element.findtext("iati-identifier") or ""
            copy = etree.fromstring(etree.tostring(element))
            problems += validator.problems(copy, label=label)
            _release(element)
            if len(problems) >= 20:
                break
    return problems
