"""Load the reference data kept in `data/` into the database, idempotently (upserts)."""

import csv
from pathlib import Path

from django.db import transaction
from lxml import etree

from .models import CodelistItem, Region, SdgGoal, SdgTarget
from .sdg_names import SDG_GOAL_NAMES_ID

DATA_DIR = Path(__file__).resolve().parent / "data"
WILAYAH_CSV = DATA_DIR / "wilayah" / "wilayah-kepmendagri-2025-level1-3.csv"
CODELIST_DIR = DATA_DIR / "iati-codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Indonesian names the project ships for codelists whose source has only English ones.
INDONESIAN_NAMES = {
    "Sector": DATA_DIR / "dac-sectors-id.csv",
    "SectorCategory": DATA_DIR / "dac-sector-categories-id.csv",
}

# The codelists the product uses; the others stay on disk for the IATI import and export.
LOADED_CODELISTS = [
    "ActivityDateType",
    "ActivityStatus",
    "BudgetType",
    "Currency",
    "DocumentCategory",
    "IndicatorMeasure",
    "OrganisationRole",
    "OrganisationType",
    "ResultType",
    "Sector",
    "SectorCategory",
    "SectorVocabulary",
    "TransactionType",
]


def _english_narrative(element) -> str:
    if element is None:
        return ""
    for narrative in element.findall("narrative"):
        if narrative.get(XML_LANG) in (None, "en"):
            return (narrative.text or "").strip()
    return ""


def read_codelist(name: str) -> list[dict]:
    tree = etree.parse(str(CODELIST_DIR / f"{name}.xml"))  # noqa: S320 (our own shipped file)
    items = []
    for item in tree.iterfind(".//codelist-item"):
        items.append(
            {
                "code": (item.findtext("code") or "").strip(),
                "name": _english_narrative(item.find("name")),
                "description": _english_narrative(item.find("description")),
                "category": (item.findtext("category") or "").strip(),
            }
        )
    return items


def read_indonesian_names(codelist: str) -> dict[str, str]:
    """`{code: name_id}` from the project's translation table for this codelist ({} if none)."""
    path = INDONESIAN_NAMES.get(codelist)
    if path is None:
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row["name_id"].strip() for row in csv.DictReader(handle)}


def load_regions() -> int:
    with WILAYAH_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    count = 0
    for level in (1, 2, 3):
        objs = [
            Region(
                code=row["code"],
                name=row["name"],
                level=level,
                parent_id=row["parent_code"] or None,
            )
            for row in rows
            if int(row["level"]) == level
        ]
        Region.objects.bulk_create(
            objs,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "level", "parent"],
        )
        count += len(objs)
    return count


def _target_sort_key(code: str) -> str:
    goal, _, target = code.partition(".")
    return f"{int(goal):02d}.{target.zfill(2)}"


def load_sdgs() -> int:
    goals = [
        SdgGoal(
            number=int(item["code"]),
            name_en=item["name"],
            name_id=SDG_GOAL_NAMES_ID[int(item["code"])],
        )
        for item in read_codelist("UNSDG-Goals")
    ]
    SdgGoal.objects.bulk_create(
        goals, update_conflicts=True, unique_fields=["number"], update_fields=["name_en", "name_id"]
    )
    targets = [
        SdgTarget(
            code=item["code"],
            goal_id=int(item["code"].split(".")[0]),
            description=item["name"],
            sort_key=_target_sort_key(item["code"]),
        )
        for item in read_codelist("UNSDG-Targets")
    ]
    SdgTarget.objects.bulk_create(
        targets,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["goal", "description", "sort_key"],
    )
    return len(goals) + len(targets)


def load_codelists() -> int:
    count = 0
    for name in LOADED_CODELISTS:
        names_id = read_indonesian_names(name)
        objs = [
            CodelistItem(codelist=name, name_id=names_id.get(item["code"], ""), **item)
            for item in read_codelist(name)
            if item["code"]
        ]
        CodelistItem.objects.bulk_create(
            objs,
            update_conflicts=True,
            unique_fields=["codelist", "code"],
            update_fields=["name", "name_id", "description", "category"],
        )
        count += len(objs)
    return count


@transaction.atomic
def load_all() -> dict[str, int]:
    return {"regions": load_regions(), "sdgs": load_sdgs(), "codelists": load_codelists()}


def reference_is_loaded() -> bool:
    return Region.objects.exists() and SdgTarget.objects.exists() and CodelistItem.objects.exists()
