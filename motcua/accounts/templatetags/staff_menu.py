"""`{% staff_menu %}`: the top bar's links, from the menu table (motcua/accounts/menu.py),
imported when a menu is drawn: the system checks import every template tag library."""

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("accounts/_menu.html", takes_context=True)
def staff_menu(context: dict[str, Any]) -> dict[str, Any]:
    from motcua.accounts.menu import menu_for_user

    request = context.get("request")
    user = getattr(request, "user", None)
    items = menu_for_user(user) if user is not None and user.is_authenticated else []
    path = request.path if request is not None else ""
    return {"items": items, "path": path, "user": user, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def may_open(context: dict[str, Any], url_name: str) -> bool:
    """`{% may_open "dossiers:counter" as may_receive %}`: whether the menu gives the signed-in
    person that page — so a page links elsewhere only where the link will not be refused."""
    from motcua.accounts.menu import user_may_open

    request = context.get("request")
    user = getattr(request, "user", None)
    return user is not None and user_may_open(user, url_name)
