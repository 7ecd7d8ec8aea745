"""The code shape of the regional plan nomenclature (Permendagri 90/2019 and its updates, the
Kepmendagri 050-5889/2021 classification): five levels, each code its parent's plus a segment.

    1                   urusan (affair)
    1.02                bidang urusan (field of affair)
    1.02.02             program
    1.02.02.2.02        kegiatan (activity): one digit for the kind, two for the number
    1.02.02.2.02.0001   sub kegiatan (sub-activity): four digits
"""

import re

URUSAN, BIDANG, PROGRAM, KEGIATAN, SUB_KEGIATAN = 1, 2, 3, 4, 5

_SHAPES = [
    (URUSAN, re.compile(r"^\d$")),
    (BIDANG, re.compile(r"^\d\.\d{2}$")),
    (PROGRAM, re.compile(r"^\d\.\d{2}\.\d{2}$")),
    (KEGIATAN, re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$")),
    (SUB_KEGIATAN, re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")),
]


def level_of(code: str) -> int | None:
    """The level a code has by its shape, or None when it has none of the five shapes."""
    for level, shape in _SHAPES:
        if shape.match(code):
            return level
    return None


def parent_code(code: str) -> str | None:
    """The code of the level above (a kegiatan drops its two last segments), None for an urusan."""
    level = level_of(code)
    if level is None or level == URUSAN:
        return None
    segments = code.split(".")
    drop = 2 if level == KEGIATAN else 1
    return ".".join(segments[:-drop])
