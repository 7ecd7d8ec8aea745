"""Phase 1: the problem statement, its tree, and the evidence behind it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simitra.lib.pagination import paginate
from simitra.lib.uploads import file_response
from simitra.partnerships.access import get_partnership

from ..diagrams import TreeNode, tree_layout
from ..forms import EvidenceForm, ProblemNodeForm, ProblemStatementForm
from ..models import Evidence, ProblemNode, ProblemStatement
from .common import delete_record, edit_record, render_panel


def _tree(partnership, problem):
    nodes = list(
        ProblemNode.objects.filter(partnership=partnership)
        .select_related("proposed_by")
        .prefetch_related("evidence")
        .order_by("position", "pk")
    )
    causes = [n for n in nodes if n.kind == ProblemNode.Kind.CAUSE]
    effects = [n for n in nodes if n.kind == ProblemNode.Kind.EFFECT]
    layout = tree_layout(
        problem.core_problem if problem else _("(no core problem yet)"),
        [TreeNode(n.id, n.text, n.parent_id) for n in causes],
        [TreeNode(n.id, n.text, n.parent_id) for n in effects],
    )
    return layout, causes, effects


def _outline(nodes):
    """Nodes in tree order (each followed by what hangs on it) with their depth."""
    ids = {n.id for n in nodes}
    children = {}
    for node in nodes:
        parent = node.parent_id if node.parent_id in ids else None
        children.setdefault(parent, []).append(node)
    items, seen = [], set()

    def walk(parent, depth):
        for node in children.get(parent, []):
            if node.id in seen:
                continue
            seen.add(node.id)
            items.append({"node": node, "depth": min(depth, 4)})
            walk(node.id, depth + 1)

    walk(None, 1)
    return items


@login_required
def problem(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    statement = (
        ProblemStatement.objects.filter(partnership=partnership)
        .select_related("proposed_by")
        .first()
    )
    layout, causes, effects = _tree(partnership, statement)
    return render_panel(
        request,
        "scoping/problem.html",
        {
            "partnership": partnership,
            "problem": statement,
            "layout": layout,
            "outlines": [
                (_("Causes"), _outline(causes), _("No causes yet.")),
                (_("Effects"), _outline(effects), _("No effects yet.")),
            ],
            "evidence_count": Evidence.objects.filter(partnership=partnership).count(),
            "can_edit": request.user.has_perm("scoping.change_scoping", partnership),
        },
    )


@login_required
def statement_edit(request, code):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    instance = ProblemStatement.objects.filter(partnership=partnership).first()
    return edit_record(
        request,
        partnership=partnership,
        form_class=ProblemStatementForm,
        instance=instance,
        template="scoping/form.html",
        back=reverse("scoping:problem", args=[partnership.code]),
        title=_("Problem statement"),
        saved=_("Problem statement saved."),
        before_save=lambda record: setattr(record, "updated_by", request.user),
        user=request.user,
    )


@login_required
def node_edit(request, code, node_id=None):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    node = get_object_or_404(ProblemNode, pk=node_id, partnership=partnership) if node_id else None
    initial_kind = request.GET.get("kind")
    response = edit_record(
        request,
        partnership=partnership,
        form_class=ProblemNodeForm,
        instance=node,
        template="scoping/form.html",
        back=reverse("scoping:problem", args=[partnership.code]),
        title=_("Edit tree element") if node else _("Add to the problem tree"),
        saved=_("Problem tree saved."),
        user=request.user,
        initial={"kind": initial_kind} if initial_kind in ProblemNode.Kind.values else None,
    )
    return response


@login_required
@require_POST
def node_delete(request, code, node_id):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    node = get_object_or_404(ProblemNode, pk=node_id, partnership=partnership)
    return delete_record(
        request,
        record=node,
        back=reverse("scoping:problem", args=[partnership.code]),
        deleted=_("Removed from the problem tree, with what hung on it."),
    )


@login_required
def evidence_list(request, code):
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    sources = Evidence.objects.filter(partnership=partnership).prefetch_related(
        "problem_nodes", "needs"
    )
    page = paginate(request, sources)
    return render_panel(
        request,
        "scoping/evidence.html",
        {
            "partnership": partnership,
            "page": page,
            "sources": page.object_list,
            "can_edit": request.user.has_perm("scoping.change_scoping", partnership),
        },
    )


@login_required
def evidence_edit(request, code, evidence_id=None):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    evidence = (
        get_object_or_404(Evidence, pk=evidence_id, partnership=partnership)
        if evidence_id
        else None
    )
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        instance=evidence,
        partnership=partnership,
    )
    back = reverse("scoping:evidence", args=[partnership.code])
    if request.method == "POST" and form.is_valid():
        if evidence is None:
            form.instance.added_by = request.user
        form.save()
        messages.success(request, _("Evidence source saved."))
        return redirect(back)
    return render(
        request,
        "scoping/form.html",
        {
            "partnership": partnership,
            "form": form,
            "title": _("Edit evidence source") if evidence else _("Add an evidence source"),
            "back": back,
            "record": evidence,
            "multipart": True,
        },
    )


@login_required
@require_POST
def evidence_delete(request, code, evidence_id):
    partnership = get_partnership(request.user, code, "scoping.change_scoping")
    evidence = get_object_or_404(Evidence, pk=evidence_id, partnership=partnership)
    return delete_record(
        request,
        record=evidence,
        back=reverse("scoping:evidence", args=[partnership.code]),
        deleted=_("Evidence source removed."),
    )


@login_required
def evidence_file(request, code, evidence_id):
    """Uploaded evidence is served only here, to those who may see the partnership."""
    partnership = get_partnership(request.user, code, "scoping.view_scoping")
    evidence = get_object_or_404(Evidence, pk=evidence_id, partnership=partnership)
    return file_response(
        evidence.file,
        evidence.file_name or evidence.file.name.rsplit("/", 1)[-1],
        evidence.file_type or "application/octet-stream",
    )
