import os
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path | None:
    """The reference folder `shared/` (schema, conformance files): SIMITRA_SHARED_DIR, or a
    `shared/` next to the project or one of its parents. Only tests read it."""
    if os.environ.get("SIMITRA_SHARED_DIR"):
        return Path(os.environ["SIMITRA_SHARED_DIR"])
    for folder in [ROOT, *ROOT.parents]:
        if (folder / "shared" / "iati").is_dir():
            return folder / "shared"
    return None


@pytest.fixture(scope="session")
def shared():
    folder = shared_dir()
    if folder is None:
        pytest.skip("the shared reference folder (../shared/iati) is not available")
    return folder


@pytest.fixture(scope="session")
def official_schema(shared):
    """The IATI 2.03 schema from the shared folder, not the project's copy."""
    return etree.XMLSchema(
        etree.parse(str(shared / "iati" / "schema-2.03" / "iati-activities-schema.xsd"))
    )


@pytest.fixture(autouse=True)
def job_files(tmp_path, settings):
    """Job files go to a temporary folder in tests."""
    settings.SIMITRA_JOB_FILES_DIR = tmp_path / "job-files"
    return settings.SIMITRA_JOB_FILES_DIR
