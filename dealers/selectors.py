"""Reads, scoped to what a user may see. Tenancy is enforced here and only here:

- head office: every dealer;
- a group manager: the dealers of their group;
- everyone else (sales executive, business manager, sales manager, dealer principal):
  their own dealer.

Every list and detail view, API and report starts from one of these QuerySets, so an
object of another dealer is simply not found (a 404), never "forbidden".
"""

from django.db.models import Q, QuerySet

from .models import Customer, Deal, Dealer, Role, User, Vehicle


def dealer_filter(user: User, field: str = "dealer") -> Q:
    """The Q object that limits a model with a dealer foreign key (at `field`) to `user`."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.role == Role.HEAD_OFFICE:
        return Q()
    prefix = f"{field}__" if field else ""
    if user.role == Role.GROUP_MANAGER:
        return Q(**{f"{prefix}group_id": user.dealer_group_id})
    if not user.dealer_id:
        return Q(pk__in=[])
    return Q(**{f"{field}_id" if field else "pk": user.dealer_id})


def scoped(queryset: QuerySet, user: User, field: str = "dealer") -> QuerySet:
    return queryset.filter(dealer_filter(user, field))


def dealers_for(user: User) -> QuerySet[Dealer]:
    return scoped(Dealer.objects.select_related("group"), user, field="")


def staff_for(user: User) -> QuerySet[User]:
    return scoped(User.objects.filter(is_active=True), user).order_by("first_name", "last_name")


def sellers_for(user: User) -> QuerySet[User]:
    """Staff who can be named as the seller on a deal."""
    return staff_for(user).exclude(role__in=[Role.HEAD_OFFICE, Role.GROUP_MANAGER])


def customers_for(user: User) -> QuerySet[Customer]:
    return scoped(Customer.objects.select_related("dealer"), user)


def vehicles_for(user: User) -> QuerySet[Vehicle]:
    return scoped(Vehicle.objects.select_related("dealer", "customer"), user)


def deals_for(user: User) -> QuerySet[Deal]:
    return scoped(Deal.objects.select_related("dealer", "customer", "vehicle", "salesperson"), user)


def customer_search(queryset: QuerySet[Customer], text: str) -> QuerySet[Customer]:
    """Customers whose name, company, email, phone, postcode or tax code contains `text`."""
    q = Q()
    for word in text.split():
        q &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(company_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
            | Q(postcode__icontains=word)
            | Q(codice_fiscale__icontains=word)
            | Q(partita_iva__icontains=word)
        )
    return queryset.filter(q)


def home_summary(user: User, today) -> dict:
    """Figures for the home page, in a constant number of queries whatever the data size."""
    from django.db.models import Count

    month_start = today.replace(day=1)
    deals = deals_for(user)
    month = deals.filter(deal_date__gte=month_start, deal_date__lte=today)
    summary = {
        "customers": customers_for(user).count(),
        "deals_this_month": month.count(),
        "my_deals_this_month": month.filter(salesperson=user).count(),
        "recent_deals": list(deals[:8]),
    }
    if user.is_manager:
        summary["by_seller"] = list(
            month.values("salesperson__first_name", "salesperson__last_name", "dealer__name")
            .annotate(deals=Count("id"))
            .order_by("-deals", "salesperson__last_name")[:15]
        )
    if user.role in (Role.HEAD_OFFICE, Role.GROUP_MANAGER):
        summary["by_dealer"] = list(
            month.values("dealer__name", "dealer__market")
            .annotate(deals=Count("id"))
            .order_by("dealer__market", "-deals")
        )
    return summary
