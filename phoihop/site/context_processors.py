"""What every page's shell needs: the actor and the navigation it may see."""

from phoihop.accounts import policies as account_policies


def shell(request):
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_authenticated:
        return {}
    return {
        "actor": actor,
        "nav": {
            "users": account_policies.can_manage_users(actor),
            "audit": account_policies.can_view_audit(actor),
        },
    }
