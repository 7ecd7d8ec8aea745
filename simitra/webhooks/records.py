"""A record as the API shows it to one person: the API's own viewset and serializer answer a
GET of the record's detail URL made as that person, so the body holds no field the API would
not show them, and nothing when the API would answer 404 (they may not read it)."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory, force_authenticate

from simitra.api.urls import router


def _viewset_for(kind: str):
    for prefix, viewset, basename in router.registry:
        if basename == kind:
            return prefix, viewset
    raise LookupError(f"No API endpoint is named {kind!r}.")


def record_as_seen_by(user, kind: str, pk: int) -> dict | None:
    """The API's JSON of record `pk` of endpoint `kind` for `user`; None if not shown to them."""
    prefix, viewset = _viewset_for(kind)
    lookup_field = getattr(viewset, "lookup_field", "pk")
    key = pk
    if lookup_field != "pk":
        model = viewset.serializer_class.Meta.model
        key = model.objects.filter(pk=pk).values_list(lookup_field, flat=True).first()
        if key is None:
            return None
    site = urlsplit(settings.SITE_URL)
    factory = APIRequestFactory()
    request = factory.get(
        f"/api/v1/{prefix}/{key}/",
        HTTP_HOST=site.netloc or "localhost",
        secure=site.scheme == "https",
        HTTP_ACCEPT="application/json",
    )
    force_authenticate(request, user=user)
    # Not counted against the person's API rate: the site asks, not their client.
    view = viewset.as_view({"get": "retrieve"}, throttle_classes=[])
    kwargs = {getattr(viewset, "lookup_url_kwarg", None) or lookup_field: str(key)}
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        response = view(request, **kwargs)
        if response.status_code != 200:
            return None
        return json.loads(JSONRenderer().render(response.data))
