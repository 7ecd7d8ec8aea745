import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Messages of the pure measures in English, whatever the default language."""
    with translation.override("en"):
        yield
