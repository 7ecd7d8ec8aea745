import rules

from simitra.accounts.rules import is_org_admin, is_platform_admin

rules.add_perm("organisations.view_organisation", rules.is_authenticated)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", is_platform_admin | is_org_admin)
rules.add_perm("organisations.manage_members", is_platform_admin | is_org_admin)
