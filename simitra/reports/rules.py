import rules

from simitra.accounts.rules import (
    can_edit_own_record,
    can_manage_partnership,
    can_read_private,
    is_org_member,
    is_platform_admin,
    is_published,
)

# A report (draft or final) and its files: whoever may read the partnership's own records.
rules.add_perm("reports.view_report", can_read_private)
# The coordinator makes reports, assigns, approves or returns narrative, and finalises.
rules.add_perm("reports.manage_report", can_manage_partnership)
# On a ReportSection: its assigned partner's people (and the coordinator) write it.
rules.add_perm("reports.write_section", can_edit_own_record)
# On an Organisation: its members keep its own report templates.
rules.add_perm("reports.manage_templates", is_platform_admin | is_org_member)
# A final report's PDF of a published partnership: anyone, signed in or not (the link in its
# IATI file).
rules.add_perm("reports.view_published_report", is_published)
