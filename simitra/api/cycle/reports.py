"""Finalised reports of a partnership: their list, and each stored file with its checksum."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.reverse import reverse

from simitra.lib.uploads import file_response
from simitra.partnerships.models import Partnership
from simitra.reports.documents import file_name
from simitra.reports.models import Report
from simitra.reports.views import CONTENT_TYPES

from ..viewsets import PartnershipScopedReadViewSet


class ReportFileSerializer(serializers.Serializer):
    url = serializers.URLField()
    sha256 = serializers.CharField()


class ReportSerializer(serializers.ModelSerializer):
    partnership = serializers.CharField(source="partnership.code", read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "partnership",
            "title",
            "language",
            "period_start",
            "period_end",
            "finalised_at",
            "snapshot_at",
            "files",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=ReportFileSerializer()))
    def get_files(self, report) -> dict:
        request = self.context.get("request")
        return {
            extension: {
                "url": reverse(
                    "api:report-download",
                    args=[report.pk, extension],
                    request=request,
                ),
                "sha256": getattr(report, f"{extension}_sha256"),
            }
            for extension in CONTENT_TYPES
            if getattr(report, extension)
        }


@extend_schema_view(
    list=extend_schema(summary="Finalised reports", tags=["reports"]),
    retrieve=extend_schema(summary="One finalised report and its files", tags=["reports"]),
)
class ReportViewSet(PartnershipScopedReadViewSet):
    """Final reports of the partnerships whose own records the user may read (drafts are not
    listed: their figures still change)."""

    queryset = Report.objects.finalised().select_related("partnership")
    serializer_class = ReportSerializer
    view_perm = "reports.view_report"
    http_method_names = ["get", "head", "options"]
    ordering = ["-period_end", "-pk"]

    def visible_partnerships(self):
        return Partnership.objects.readable_by(self.request.user)

    @extend_schema(
        summary="Download a stored file of a finalised report (pdf, docx or xlsx)",
        responses={(200, "application/octet-stream"): bytes},
        tags=["reports"],
    )
    @action(detail=True, methods=["get"], url_path=r"download/(?P<extension>pdf|docx|xlsx)")
    def download(self, request, pk=None, extension="pdf"):
        report = self.get_object()
        return file_response(
            getattr(report, extension), file_name(report, extension), CONTENT_TYPES[extension]
        )
