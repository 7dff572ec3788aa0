def scope(request):
    """What the navigation needs to say where the user is: dealer, group or head office."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if user.dealer_id:
        where = user.dealer.name
    elif user.dealer_group_id:
        where = user.dealer_group.name
    else:
        where = None
    return {"scope_name": where}
