"""The site's URLs plus `/bench/bare/<bytes>/`: a signed-in bare view that answers that many
bytes through the same middleware — the floor a page's throughput is compared with."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from simitra.urls import urlpatterns as site_urlpatterns


@login_required
def bare(request, size: int):
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/<int:size>/", bare), *site_urlpatterns]
