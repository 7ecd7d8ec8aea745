"""Every catalogue is complete (Indonesian is the default language) and compiled."""

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/id/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated_and_compiled(path):
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    compiled = gettext.GNUTranslations(path.with_suffix(".mo").open("rb"))
    untranslated, stale = [], []
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            text = message.string[0] if message.string else ""
            in_mo = compiled.ngettext(message.id[0], message.id[1], 1)
            msgid = message.id[0]
        else:
            text, msgid = message.string, message.id
            in_mo = (
                compiled.pgettext(message.context, msgid)
                if message.context
                else compiled.gettext(msgid)
            )
        if not text or message.fuzzy:
            untranslated.append(msgid)
        elif in_mo != text:
            stale.append(msgid)
    assert not untranslated, f"untranslated in {path}: {untranslated[:10]}"
    assert not stale, f"{path.with_suffix('.mo')} is out of date (run msgfmt): {stale[:5]}"


def test_a_message_reads_the_same_in_every_catalogue():
    """Django merges the apps' catalogues into one, where the same msgid (and context) has one
    translation: a word translated two ways in two apps reads one way in both, whichever
    catalogue wins ("Title" once read "Jabatan", a signatory's position, on every page). A word
    of two meanings takes a context (`pgettext`, `{% translate … context … %}`)."""
    translations: dict[tuple, dict[str, str]] = {}
    for path in CATALOGUES:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string and not isinstance(message.id, tuple | list):
                    key = (message.context, message.id)
                    translations.setdefault(key, {})[str(path.relative_to(ROOT))] = message.string
    differing = {key: where for key, where in translations.items() if len(set(where.values())) > 1}
    assert not differing, differing
