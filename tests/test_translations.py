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
